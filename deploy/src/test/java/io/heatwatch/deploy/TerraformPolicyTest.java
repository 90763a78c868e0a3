package io.heatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parses every terraform/*.tf with hcl4j and enforces docs/security.md: the checkov checks
 * CKV_AWS_79, 8, 3, 24, 126, the S3 ones, only 8883 open, least-privilege IAM, no secret literals.
 * Terraform cannot run here; `terraform validate` and checkov are the real thing
 * (docs/deploy-aws.md).
 */
class TerraformPolicyTest {
  private static final Pattern VAR_REF = Pattern.compile("\\bvar\\.([a-z0-9_]+)");
  private static final Pattern LOCAL_REF = Pattern.compile("\\blocal\\.([a-z0-9_]+)");
  private static final Pattern DATA_REF = Pattern.compile("\\bdata\\.([a-z0-9_]+)\\.([a-z0-9_]+)");
  private static final Pattern RESOURCE_REF =
      Pattern.compile("(?<![\\w.\"])(aws_[a-z0-9_]+)\\.([a-z0-9_]+)\\b");
  private static final Pattern SECRET_LITERAL =
      Pattern.compile(
          "(?i)\\b\\w*(password|secret|token|access_key|private_key)\\s*=\\s*\"[^\"$]+\"|AKIA[0-9A-Z]{16}|-----BEGIN");

  private static final Map<String, Map<String, Object>> parsed = new HashMap<>();
  private static final StringBuilder allText = new StringBuilder();

  @BeforeAll
  static void parse() throws Exception {
    Path dir = Repo.file("terraform");
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
        parsed.put(file.getFileName().toString(), new HCLParser().parse(file.toFile(), "UTF-8"));
        allText.append(Files.readString(file)).append('\n');
      }
    }
    assertThat(parsed).containsKeys("versions.tf", "variables.tf", "outputs.tf");
  }

  /**
   * All blocks of one kind ("resource", "data", "variable") merged across files: type → name →
   * body.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> merged(String kind) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (Map<String, Object> file : parsed.values()) {
      Object blocks = file.get(kind);
      if (blocks instanceof Map<?, ?> map) {
        map.forEach(
            (k, v) -> out.computeIfAbsent((String) k, x -> new HashMap<>()).putAll(asMap(v)));
      }
    }
    return out;
  }

  private static Map<String, Map<String, Object>> resources(String type) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    merged("resource")
        .getOrDefault(type, Map.of())
        .forEach((name, body) -> out.put(name, asMap(body)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    if (value instanceof List<?> list && list.size() == 1) {
      return (Map<String, Object>) list.get(0);
    }
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> blocks(Map<String, Object> body, String name) {
    Object value = body.get(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return (List<Map<String, Object>>) list;
    }
    return List.of((Map<String, Object>) value);
  }

  @Test
  void providerIsPinned() {
    assertThat(allText).containsPattern("source\\s*=\\s*\"hashicorp/aws\"");
    assertThat(allText).containsPattern("version\\s*=\\s*\"~> \\d+\\.\\d+\"");
  }

  @Test
  void everyVariableHasADescriptionAndValidation() {
    Map<String, Map<String, Object>> variables = merged("variable");
    assertThat(variables).isNotEmpty();
    variables.forEach(
        (name, body) -> {
          assertThat(body.get("description")).as(name + ": description").isNotNull();
          assertThat(blocks(body, "validation")).as(name + ": validation").isNotEmpty();
        });
  }

  @Test
  void everyReferencedVariableLocalDataAndResourceExists() throws IOException {
    Set<String> variables = merged("variable").keySet();
    Set<String> locals = new HashSet<>();
    for (Map<String, Object> file : parsed.values()) {
      blocks(file, "locals").forEach(l -> locals.addAll(l.keySet()));
    }
    Set<String> data = names(merged("data"));
    Set<String> resources = names(merged("resource"));
    String text = allText.toString();
    assertThat(refs(VAR_REF, text, 1)).allSatisfy(v -> assertThat(variables).contains(v));
    assertThat(refs(LOCAL_REF, text, 1)).allSatisfy(l -> assertThat(locals).contains(l));
    assertThat(refs(DATA_REF, text, 2)).allSatisfy(d -> assertThat(data).contains(d));
    assertThat(refs(RESOURCE_REF, text, 2))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(resources).contains(r));

    // the user_data template gets every value it uses
    String template = Files.readString(Repo.file("terraform/user_data.sh.tftpl"));
    Matcher m = Pattern.compile("(?<!\\$)\\$\\{([a-z_]+)}").matcher(template);
    while (m.find()) {
      assertThat(text)
          .as("templatefile passes " + m.group(1))
          .containsPattern(m.group(1) + "\\s*=");
    }
  }

  private static Set<String> names(Map<String, Map<String, Object>> byType) {
    Set<String> out = new HashSet<>();
    byType.forEach((type, names) -> names.keySet().forEach(n -> out.add(type + "." + n)));
    return out;
  }

  private static List<String> refs(Pattern pattern, String text, int groups) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(groups == 1 ? m.group(1) : m.group(1) + "." + m.group(2));
    }
    return out;
  }

  @Test
  void instancesRequireImdsV2EncryptEbsAndHaveDetailedMonitoring() {
    Map<String, Map<String, Object>> instances = resources("aws_instance");
    assertThat(instances).isNotEmpty();
    instances.forEach(
        (name, body) -> {
          assertThat(blocks(body, "metadata_options"))
              .as(name + ": IMDSv2 (CKV_AWS_79)")
              .singleElement()
              .satisfies(m -> assertThat(m.get("http_tokens")).isEqualTo("required"));
          assertThat(blocks(body, "root_block_device"))
              .as(name + ": encrypted gp3 root (CKV_AWS_8)")
              .singleElement()
              .satisfies(
                  r -> {
                    assertThat(r.get("encrypted")).isEqualTo(true);
                    assertThat(r.get("volume_type")).isEqualTo("gp3");
                  });
          assertThat(blocks(body, "ebs_block_device"))
              .allSatisfy(e -> assertThat(e.get("encrypted")).isEqualTo(true));
          assertThat(body.get("monitoring"))
              .as(name + ": detailed monitoring (CKV_AWS_126)")
              .isEqualTo(true);
          assertThat(body).as(name + ": no key pair, SSM only").doesNotContainKey("key_name");
        });
    resources("aws_ebs_volume")
        .forEach(
            (name, body) -> {
              assertThat(body.get("encrypted"))
                  .as(name + ": encrypted (CKV_AWS_3)")
                  .isEqualTo(true);
              assertThat(body.get("type")).as(name).isEqualTo("gp3");
            });
  }

  @Test
  void onlyMqttOverTlsIsOpenAndNeverSsh() {
    assertThat(merged("resource"))
        .as("ingress only inline in aws_security_group, where this test sees it")
        .doesNotContainKeys("aws_security_group_rule", "aws_vpc_security_group_ingress_rule");
    Map<String, Map<String, Object>> groups = new HashMap<>(resources("aws_security_group"));
    assertThat(groups).isNotEmpty();
    groups.putAll(resources("aws_default_security_group"));
    groups.forEach(
        (name, body) -> {
          for (Map<String, Object> ingress : blocks(body, "ingress")) {
            int from = ((Number) ingress.get("from_port")).intValue();
            int to = ((Number) ingress.get("to_port")).intValue();
            assertThat(from).as(name + ": ingress port (only 8883)").isEqualTo(8883);
            assertThat(to).as(name + ": ingress port (only 8883)").isEqualTo(8883);
            assertThat(ingress.get("protocol")).isEqualTo("tcp");
            assertThat(22 >= from && 22 <= to).as(name + ": SSH open (CKV_AWS_24)").isFalse();
          }
        });
  }

  @Test
  void bucketsArePrivateEncryptedAndVersioned() {
    Set<String> buckets = resources("aws_s3_bucket").keySet();
    assertThat(buckets).isNotEmpty();
    for (String bucket : buckets) {
      String ref = "aws_s3_bucket." + bucket + ".id";
      assertThat(resources("aws_s3_bucket_public_access_block").values())
          .as(bucket + ": public access block")
          .anySatisfy(
              b -> {
                assertThat(String.valueOf(b.get("bucket"))).contains(ref);
                for (String flag :
                    List.of(
                        "block_public_acls",
                        "block_public_policy",
                        "ignore_public_acls",
                        "restrict_public_buckets")) {
                  assertThat(b.get(flag)).as(flag).isEqualTo(true);
                }
              });
      assertThat(resources("aws_s3_bucket_server_side_encryption_configuration").values())
          .as(bucket + ": encryption")
          .anySatisfy(b -> assertThat(String.valueOf(b.get("bucket"))).contains(ref));
      assertThat(resources("aws_s3_bucket_versioning").values())
          .as(bucket + ": versioning")
          .anySatisfy(
              b -> {
                assertThat(String.valueOf(b.get("bucket"))).contains(ref);
                assertThat(blocks(b, "versioning_configuration").get(0).get("status"))
                    .isEqualTo("Enabled");
              });
    }
    assertThat(allText).doesNotContainPattern("acl\\s*=\\s*\"public");
  }

  @Test
  void iamGrantsNamedActionsOnly() {
    List<Object> actions = new ArrayList<>();
    merged("data")
        .getOrDefault("aws_iam_policy_document", Map.of())
        .forEach(
            (name, body) ->
                blocks(asMap(body), "statement").forEach(s -> actions.add(s.get("actions"))));
    assertThat(actions).isNotEmpty();
    for (Object list : actions) {
      assertThat(list).isInstanceOf(List.class);
      for (Object action : (List<?>) list) {
        assertThat(action.toString())
            .as("IAM action")
            .doesNotContain("*")
            .matches("[a-z0-9]+:[A-Za-z]+");
      }
    }
    assertThat(allText)
        .as("no inline JSON policies the test cannot read")
        .doesNotContain("jsonencode(");
    assertThat(allText)
        .as("managed policies: SSM and CloudWatch agent only")
        .doesNotContainPattern(
            "policy/(?!AmazonSSMManagedInstanceCore\"|CloudWatchAgentServerPolicy\")");
  }

  @Test
  void everyPortOnTheHostsLoopbackHasATunnelOutput() throws IOException {
    JsonNode services =
        new ObjectMapper(new YAMLFactory())
            .readTree(Repo.file("infra/docker-compose.yml").toFile())
            .get("services");
    Set<String> loopbackPorts = new TreeSet<>();
    services.forEach(
        service ->
            service
                .path("ports")
                .forEach(
                    port -> {
                      String[] parts = port.asText().split(":");
                      if (parts[0].equals("127.0.0.1")) {
                        loopbackPorts.add(parts[1]);
                      }
                    }));
    assertThat(loopbackPorts).contains("5601", "8081", "8090");
    Map<String, Map<String, Object>> outputs = merged("output");
    for (String port : loopbackPorts) {
      assertThat(outputs.values())
          .as("an output with the SSM port-forward command for 127.0.0.1:" + port)
          .anySatisfy(
              o ->
                  assertThat(String.valueOf(o.get("value")))
                      .startsWith("aws ssm start-session ")
                      .contains("--document-name AWS-StartPortForwardingSession")
                      .contains("portNumber=" + port + ",localPortNumber=" + port));
    }
    assertThat(outputs).containsKey("console_tunnel");
  }

  @Test
  void theWatchdogsMetricsAreAlarmedOnToTheAlarmTopic() throws IOException {
    Map<String, String> constants = new HashMap<>();
    Matcher c =
        Pattern.compile("static final String (\\w+) = \"([^\"]+)\";")
            .matcher(
                Files.readString(
                    Repo.file("watchdog/src/main/java/io/heatwatch/watchdog/MetricNames.java")));
    while (c.find()) {
      constants.put(c.group(1), c.group(2));
    }
    String namespace = constants.remove("NAMESPACE");
    String dimension = constants.remove("DIMENSION_STACK");
    assertThat(namespace).isEqualTo("heatwatch");
    Set<String> metrics = new HashSet<>(constants.values());

    Properties settings = new Properties();
    try (var in = Files.newBufferedReader(Repo.file("infra/watchdog/watchdog.properties"))) {
      settings.load(in);
    }
    String stack = settings.getProperty("metrics.stack");
    assertThat(stack).as("metrics.stack in watchdog.properties").isNotBlank();

    Map<String, Map<String, Object>> ours = new HashMap<>();
    resources("aws_cloudwatch_metric_alarm")
        .forEach(
            (name, body) -> {
              if (namespace.equals(body.get("namespace"))) {
                ours.put(String.valueOf(body.get("metric_name")), body);
              }
            });
    assertThat(ours.keySet())
        .as("every metric alarmed on is one the watchdog writes (MetricNames)")
        .allSatisfy(m -> assertThat(metrics).contains(m));
    Map<String, Integer> thresholds =
        Map.of(
            "CanaryAgeSeconds", 120,
            "StalledStages", 0,
            "ConnectTaskFailed", 0,
            "JobNotRunning", 0,
            // the watchdog writes BrokerQueueFill in percent
            "BrokerQueueFill", 50);
    thresholds.forEach(
        (metric, threshold) -> {
          Map<String, Object> alarm = ours.get(metric);
          assertThat(alarm).as("an alarm on " + metric).isNotNull();
          assertThat(((Number) alarm.get("threshold")).intValue()).as(metric).isEqualTo(threshold);
          assertThat(alarm.get("comparison_operator")).isEqualTo("GreaterThanThreshold");
          assertThat(String.valueOf(alarm.get("alarm_actions")))
              .as(metric + " alarm_actions")
              .contains("aws_sns_topic.alarms.arn");
          assertThat(String.valueOf(alarm.get("ok_actions")))
              .as(metric + " ok_actions")
              .contains("aws_sns_topic.alarms.arn");
          assertThat(String.valueOf(alarm.get("dimensions")))
              .as(metric + " dimensions: the watchdog's metrics.stack")
              .isEqualTo("{" + dimension + "=" + stack + "}");
        });
    assertThat(ours.get("CanaryAgeSeconds").get("treat_missing_data"))
        .as("no canary age at all (watchdog or its log shipping gone) is an alarm too")
        .isEqualTo("breaching");

    // its log group (where the EMF lines become metrics) is made here and passed to the host
    assertThat(resources("aws_cloudwatch_log_group")).containsKey("watchdog");
    assertThat(resources("aws_cloudwatch_log_group").get("watchdog").get("retention_in_days"))
        .isNotNull();
    assertThat(allText)
        .containsPattern("watchdog_log_group\\s*=\\s*aws_cloudwatch_log_group\\.watchdog\\.name");
  }

  @Test
  void noSecretLiterals() throws IOException {
    String text = allText + Files.readString(Repo.file("terraform/user_data.sh.tftpl"));
    Matcher m = SECRET_LITERAL.matcher(text);
    assertThat(m.find() ? m.group() : "").as("a secret literal in terraform/").isEmpty();
  }
}
