package io.heatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.model.KafkaTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs infra/setup/setup.sh with stand-ins for curl and kafka-topics.sh that record their calls,
 * and checks what it would do to Kafka, Elasticsearch, Kibana and Connect (no servers: pure bash).
 */
class SetupScriptTest {
  private static final String ELASTIC_PASSWORD = "el\"astic\\pw-1";
  private static final String CONSOLE_ES_PASSWORD = "con\"sole-pw-5";
  private static final String WATCHDOG_ES_PASSWORD = "watch\"dog-pw-6";
  private static final Map<String, String> PASSWORDS =
      Map.of(
          "KIBANA_SYSTEM_PASSWORD", "kibana-pw-2",
          "HEATWATCH_JOB_ES_PASSWORD", "job-pw-3",
          "HEATWATCH_VIEWER_PASSWORD", "viewer-pw-4");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static final List<String> topics = new ArrayList<>();
  private static final List<String> calls = new ArrayList<>();
  private static String curlrc;
  private static String output;

  @BeforeAll
  static void runSetup() throws Exception {
    Path root = Files.createDirectories(dir.resolve("opt"));
    for (String folder : List.of("elasticsearch", "kibana", "connect")) {
      Files.createSymbolicLink(root.resolve(folder), Repo.file("infra/" + folder));
    }
    Files.writeString(root.resolve("ca.crt"), "test CA");
    Path bin = Files.createDirectories(dir.resolve("bin"));
    // records argv (one line, args separated by tabs), then any stdin body; answers 200
    script(
        bin.resolve("curl"),
        """
        #!/bin/bash
        out=
        line=
        for a in "$@"; do line+="${a//$'\\n'/ }"$'\\t'; done
        prev=
        for a in "$@"; do
          [ "$prev" = -o ] && out="$a"
          [ "$a" = @- ] && line+="STDIN=$(tr -d '\\n')"
          prev="$a"
        done
        echo "$line" >> "$LOG_DIR/curl.log"
        cp "$CURL_HOME/.curlrc" "$LOG_DIR/curlrc" 2>/dev/null || true
        [ -n "$out" ] && [ "$out" != /dev/null ] && echo '{}' > "$out"
        case "$*" in *%{http_code}*) printf 200 ;; esac
        exit 0
        """);
    script(bin.resolve("kafka-topics.sh"), "#!/bin/bash\necho \"$*\" >> \"$LOG_DIR/topics.log\"\n");
    Path elasticPassword = dir.resolve("elastic_password");
    Files.writeString(elasticPassword, ELASTIC_PASSWORD);
    Path consolePassword = dir.resolve("console_es_password");
    Files.writeString(consolePassword, CONSOLE_ES_PASSWORD + "\n");
    Path watchdogPassword = dir.resolve("watchdog_es_password");
    Files.writeString(watchdogPassword, WATCHDOG_ES_PASSWORD + "\n");

    ProcessBuilder builder =
        new ProcessBuilder("bash", Repo.file("infra/setup/setup.sh").toString())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("PATH", bin + ":/usr/bin:/bin");
    env.put("LOG_DIR", dir.toString());
    env.put("HEATWATCH_SETUP_ROOT", root.toString());
    env.put("KAFKA_BIN", bin.toString());
    env.put("ELASTIC_PASSWORD_FILE", elasticPassword.toString());
    env.put("CONSOLE_ES_PASSWORD_FILE", consolePassword.toString());
    env.put("WATCHDOG_ES_PASSWORD_FILE", watchdogPassword.toString());
    env.putAll(PASSWORDS);
    Process process = builder.start();
    output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    topics.addAll(Files.readAllLines(dir.resolve("topics.log")));
    calls.addAll(Files.readAllLines(dir.resolve("curl.log")));
    curlrc = Files.readString(dir.resolve("curlrc"));
  }

  private static void script(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String topicLine(String name) {
    return topics.stream()
        .filter(t -> t.contains("--topic " + name + " "))
        .findFirst()
        .orElseThrow(() -> new AssertionError("setup.sh does not create " + name));
  }

  @Test
  void createsEveryContractTopicCompactingTheKeyedStateTopics() {
    List<String> all = new ArrayList<>(KafkaTopics.COMPACTED);
    all.addAll(KafkaTopics.APPEND_ONLY);
    for (String topic : all) {
      assertThat(topicLine(topic)).contains("--create --if-not-exists", "--replication-factor 1");
    }
    for (String topic : KafkaTopics.COMPACTED) {
      assertThat(topicLine(topic)).contains("cleanup.policy=compact");
    }
    for (String topic : KafkaTopics.APPEND_ONLY) {
      assertThat(topicLine(topic)).doesNotContain("compact");
    }
    assertThat(topicLine(KafkaTopics.READINGS)).contains("--partitions 3");
    // the downlink connector's dead-letter topic (infra/connect/mqtt-sink.json)
    assertThat(topicLine("heatwatch.downlink.dlq")).contains("--partitions 1");
  }

  @Test
  void installsPoliciesAndTemplatesFromInfraElasticsearch() throws IOException {
    try (var files = Files.list(Repo.file("infra/elasticsearch/index-templates"))) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString().replace(".json", "");
        assertThat(calls)
            .anySatisfy(c -> assertThat(c).contains("/_index_template/" + name + "\t"));
      }
    }
    assertThat(calls)
        .anySatisfy(c -> assertThat(c).contains("/_ilm/policy/heatwatch-readings\t"))
        .anySatisfy(c -> assertThat(c).contains("/_ilm/policy/heatwatch-metrics\t"));
  }

  @Test
  void rolesAreLeastPrivilege() throws IOException {
    var writer = body("/_security/role/heatwatch_writer");
    assertThat(writer.at("/indices/0/names").toString()).isEqualTo("[\"heatwatch-*\"]");
    assertThat(writer.at("/indices/0/privileges").toString())
        .doesNotContain("all", "manage", "delete_index");
    assertThat(writer.has("cluster")).isFalse();
    var viewer = body("/api/security/role/heatwatch_viewer");
    assertThat(viewer.at("/elasticsearch/indices/0/names").toString())
        .isEqualTo("[\"heatwatch-*\"]");
    assertThat(viewer.at("/elasticsearch/indices/0/privileges").toString()).doesNotContain("write");
    assertThat(viewer.at("/kibana/0/base").toString()).isEqualTo("[\"read\"]");
    assertThat(body("/_security/user/heatwatch-job").at("/roles").toString())
        .isEqualTo("[\"heatwatch_writer\"]");
    assertThat(body("/_security/user/heatwatch-viewer").at("/roles").toString())
        .isEqualTo("[\"heatwatch_viewer\"]");
  }

  @Test
  void theConsoleReadsTheJobsIndicesAndOnlyAppendsToItsAuditIndex() throws IOException {
    var role = body("/_security/role/heatwatch_console");
    assertThat(role.has("cluster")).as("no cluster privileges").isFalse();
    assertThat(role.get("indices")).hasSize(2);
    var read = role.at("/indices/0");
    assertThat(read.get("names").toString())
        .isEqualTo(
            "[\"heatwatch-readings-*\",\"heatwatch-metrics-*\",\"heatwatch-alarms\","
                + "\"heatwatch-devices\"]");
    assertThat(read.get("privileges").toString()).isEqualTo("[\"read\",\"view_index_metadata\"]");
    var audit = role.at("/indices/1");
    assertThat(audit.get("names").toString()).isEqualTo("[\"heatwatch-audit\"]");
    assertThat(audit.get("privileges").toString()).isEqualTo("[\"create_doc\"]");
    var user = body("/_security/user/heatwatch-console");
    assertThat(user.at("/roles").toString()).isEqualTo("[\"heatwatch_console\"]");
    assertThat(user.at("/password").asText())
        .as("the password file's content, its newline stripped as the console strips it")
        .isEqualTo(CONSOLE_ES_PASSWORD);
  }

  @Test
  void theWatchdogReadsTheCanaryAndWritesOnlyAlarms() throws IOException {
    var role = body("/_security/role/heatwatch_watchdog");
    assertThat(role.get("cluster").toString()).as("cluster health only").isEqualTo("[\"monitor\"]");
    assertThat(role.get("indices")).hasSize(2);
    var canary = role.at("/indices/0");
    assertThat(canary.get("names").toString()).isEqualTo("[\"heatwatch-canary\"]");
    assertThat(canary.get("privileges").toString()).isEqualTo("[\"read\"]");
    var alarms = role.at("/indices/1");
    assertThat(alarms.get("names").toString()).isEqualTo("[\"heatwatch-alarms\"]");
    assertThat(alarms.get("privileges").toString())
        .as("read the open alarms at start, upsert its PIPELINE_STALLED (no delete)")
        .isEqualTo("[\"read\",\"index\",\"auto_configure\"]");
    var user = body("/_security/user/heatwatch-watchdog");
    assertThat(user.at("/roles").toString()).isEqualTo("[\"heatwatch_watchdog\"]");
    assertThat(user.at("/password").asText()).isEqualTo(WATCHDOG_ES_PASSWORD);
  }

  @Test
  void theAuditIndexIsCreatedAfterItsTemplate() {
    int template = indexOf("/_index_template/heatwatch-audit\t");
    int index = indexOf("/heatwatch-audit\t");
    assertThat(template).as("PUT the heatwatch-audit template").isNotNegative();
    assertThat(index).as("PUT the heatwatch-audit index").isGreaterThan(template);
    assertThat(calls.get(index)).contains("-X\tPUT\t");
  }

  private static int indexOf(String fragment) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).contains(fragment)
          && !(fragment.startsWith("/heatwatch") && calls.get(i).contains("/_index_template"))) {
        return i;
      }
    }
    return -1;
  }

  private static JsonNode body(String path) throws IOException {
    String call =
        calls.stream()
            .filter(c -> c.contains(path + "\t"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no call to " + path));
    String[] args = call.split("\t");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--data") && !args[i + 1].equals("@-")) {
        return JSON.readTree(args[i + 1]);
      }
      if (args[i].startsWith("STDIN=")) {
        return JSON.readTree(args[i].substring("STDIN=".length()));
      }
    }
    throw new AssertionError(path + ": no body in " + call);
  }

  @Test
  void importsTheKibanaObjectsAndRegistersEveryConnector() throws IOException {
    assertThat(calls)
        .anySatisfy(
            c ->
                assertThat(c)
                    .contains(
                        "/api/saved_objects/_import?overwrite=true", "kibana/heatwatch.ndjson"));
    try (var files = Files.list(Repo.file("infra/connect"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        var connector = JSON.readTree(file.toFile());
        String path = "/connectors/" + connector.get("name").asText() + "/config";
        assertThat(body(path)).as(path).isEqualTo(connector.get("config"));
        assertThat(calls.stream().filter(c -> c.contains(path)).findFirst().orElseThrow())
            .as("Connect calls skip .curlrc (no elastic credentials to Connect)")
            .startsWith("-q\t");
      }
    }
  }

  @Test
  void passwordsNeverAppearOnACommandLine() {
    List<String> argvOnly = calls.stream().map(c -> c.replaceAll("STDIN=.*", "")).toList();
    for (String secret : PASSWORDS.values()) {
      assertThat(argvOnly).noneSatisfy(c -> assertThat(c).contains(secret));
      assertThat(calls).anySatisfy(c -> assertThat(c).contains("STDIN=").contains(secret));
    }
    assertThat(argvOnly).noneSatisfy(c -> assertThat(c).contains("pw-1"));
    assertThat(argvOnly).noneSatisfy(c -> assertThat(c).contains("sole-pw-5"));
    assertThat(argvOnly).noneSatisfy(c -> assertThat(c).contains("dog-pw-6"));
    assertThat(curlrc).contains("user = \"elastic:el\\\"astic\\\\pw-1\"");
    assertThat(output).doesNotContain("pw-");
  }
}
