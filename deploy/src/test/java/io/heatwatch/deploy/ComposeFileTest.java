package io.heatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks infra/docker-compose.yml against the deployment policy (Docker cannot run here). */
class ComposeFileTest {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?-[^}]*)?}");
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(password|secret|token|encryptionkey|credential).*");

  /** 16 GB less 1.75 GB for the operating system, Docker and the page cache's floor. */
  private static final long HOST_MEMORY_BUDGET = (14L << 30) + (256L << 20);

  private static Path infra;
  private static JsonNode compose;

  @BeforeAll
  static void parse() throws IOException {
    infra = Repo.file("infra");
    compose =
        new ObjectMapper(new YAMLFactory()).readTree(infra.resolve("docker-compose.yml").toFile());
  }

  private static Iterable<Map.Entry<String, JsonNode>> services() {
    return compose.get("services")::fields;
  }

  @Test
  void everyReferencedFileAndFolderExists() {
    List<String> missing = new ArrayList<>();
    for (var service : services()) {
      JsonNode build = service.getValue().path("build");
      if (!build.isMissingNode()) {
        Path context = infra.resolve(build.path("context").asText(".")).normalize();
        check(missing, context);
        check(missing, context.resolve(build.path("dockerfile").asText("Dockerfile")));
      }
      for (JsonNode volume : service.getValue().path("volumes")) {
        String source = volume.asText().split(":")[0];
        if (source.startsWith(".")) {
          check(missing, infra.resolve(source).normalize());
        }
      }
    }
    for (JsonNode secret : compose.path("secrets")) {
      String file = secret.path("file").asText();
      if (file.startsWith(".")) {
        check(missing, infra.resolve(file).normalize());
      }
    }
    assertThat(missing).as("files the compose file mounts or builds from").isEmpty();
  }

  private static void check(List<String> missing, Path path) {
    if (!Files.exists(path)) {
      missing.add(path.toString());
    }
  }

  @Test
  void everyImageIsPinnedToAVersion() {
    for (var service : services()) {
      String image = service.getValue().path("image").asText();
      assertThat(image).as(service.getKey() + ": image").isNotEmpty();
      String tag = image.substring(image.lastIndexOf('/') + 1);
      assertThat(tag).as(service.getKey() + ": image tag").contains(":").doesNotEndWith(":latest");
      assertThat(tag.substring(tag.indexOf(':') + 1))
          .as(service.getKey() + ": tag is a version")
          .matches("\\d+\\.\\d+.*");
    }
  }

  @Test
  void onlyMqttOverTlsIsPublishedBeyondTheHost() {
    List<String> published = new ArrayList<>();
    for (var service : services()) {
      for (JsonNode port : service.getValue().path("ports")) {
        String mapping = port.asText();
        assertThat(mapping)
            .as(service.getKey() + ": ports need an explicit host address")
            .matches("\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+:\\d+");
        if (!mapping.startsWith("127.0.0.1:")) {
          published.add(service.getKey() + " " + mapping);
        }
      }
    }
    assertThat(published).containsExactly("mosquitto 0.0.0.0:8883:8883");
    assertThat(compose.at("/services/kafka/ports").isMissingNode()).isTrue();
  }

  @Test
  void servicesHaveHealthchecksRestartPoliciesAndMemoryLimits() {
    long total = 0;
    for (var service : services()) {
      JsonNode spec = service.getValue();
      String name = service.getKey();
      assertThat(spec.path("restart").asText()).as(name + ": restart").isNotEmpty();
      assertThat(spec.path("mem_limit").asText()).as(name + ": mem_limit").isNotEmpty();
      total += bytes(spec.path("mem_limit").asText());
      boolean oneShot = spec.path("restart").asText().startsWith("on-failure");
      if (!oneShot) {
        assertThat(spec.path("restart").asText()).as(name).isEqualTo("unless-stopped");
        assertThat(spec.at("/healthcheck/test").isArray()).as(name + ": healthcheck").isTrue();
      }
    }
    assertThat(total)
        .as("sum of mem_limit on a 16 GB host")
        .isLessThanOrEqualTo(HOST_MEMORY_BUDGET);
  }

  private static long bytes(String limit) {
    Matcher m = Pattern.compile("(\\d+)([kmg])").matcher(limit.toLowerCase());
    assertThat(m.matches()).as("mem_limit " + limit).isTrue();
    return Long.parseLong(m.group(1)) << Map.of("k", 10, "m", 20, "g", 30).get(m.group(2));
  }

  @Test
  void stateLivesInNamedVolumes() {
    Set<String> declared = new TreeSet<>();
    compose.path("volumes").fieldNames().forEachRemaining(declared::add);
    assertThat(declared)
        .contains("mosquitto-data", "kafka-data", "es-data", "es-snapshots", "flink-checkpoints");
    for (var service : services()) {
      for (JsonNode volume : service.getValue().path("volumes")) {
        String source = volume.asText().split(":")[0];
        if (!source.startsWith(".") && !source.startsWith("$") && !source.startsWith("/")) {
          assertThat(declared).as(service.getKey() + " volume " + source).contains(source);
        }
      }
    }
  }

  @Test
  void secretsComeFromVariablesOrFilesNeverLiterals() throws IOException {
    for (var service : services()) {
      for (var env :
          (Iterable<Map.Entry<String, JsonNode>>) service.getValue().path("environment")::fields) {
        if (SECRET_NAME.matcher(env.getKey()).matches()) {
          String value = env.getValue().asText();
          boolean fromFile = env.getKey().endsWith("_FILE") && value.startsWith("/run/secrets/");
          assertThat(fromFile || VARIABLE.matcher(value).matches())
              .as(service.getKey() + " " + env.getKey() + " must be ${VAR} or a secret file")
              .isTrue();
        }
      }
    }
  }

  @Test
  void everyVariableWithoutDefaultIsInTheEnvExample() throws IOException {
    String text = Files.readString(infra.resolve("docker-compose.yml"));
    String example = Files.readString(infra.resolve(".env.example"));
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      if (m.group(2) == null) {
        assertThat(example)
            .as(".env.example names " + m.group(1))
            .containsPattern("(?m)^" + m.group(1) + "=");
      }
    }
  }

  @Test
  void noContainerGetsTheCaKey() {
    for (var service : services()) {
      for (JsonNode volume : service.getValue().path("volumes")) {
        String source = volume.asText().split(":")[0];
        assertThat(source).as(service.getKey()).doesNotEndWith("/certs").doesNotContain("ca.key");
      }
    }
  }

  @Test
  void flinkOptionsComeBeforeTheJobArguments() {
    String command = compose.at("/services/jobmanager/command").asText();
    assertThat(command).startsWith("standalone-job --job-classname io.heatwatch.job.HeatwatchJob");
    assertThat(command.indexOf("${FLINK_FROM_SAVEPOINT")).isBetween(0, command.indexOf("--kafka."));
  }

  @Test
  void theJobManagerResumesFromTheNewestRetainedCheckpoint() throws IOException {
    JsonNode jobmanager = compose.at("/services/jobmanager");
    assertThat(jobmanager.path("entrypoint").toString())
        .isEqualTo("[\"/opt/heatwatch/resume-job.sh\"]");
    String dockerfile = Files.readString(infra.resolve("flink/Dockerfile"));
    assertThat(dockerfile).contains("infra/flink/resume-job.sh /opt/heatwatch/resume-job.sh");
    String script = Files.readString(infra.resolve("flink/resume-job.sh"));
    Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT \\[\"([^\"]+)\"]").matcher(dockerfile);
    assertThat(entrypoint.find()).isTrue();
    assertThat(script)
        .as("the script goes on to the image's own entrypoint")
        .contains("HEATWATCH_NEXT_ENTRYPOINT:-" + entrypoint.group(1) + "}");

    // the folder the script searches is the job's --checkpoint.dir, on a volume both Flink
    // containers mount (the TaskManager writes the state files, the JobManager the _metadata)
    Matcher dir =
        Pattern.compile("--checkpoint\\.dir file://(/\\S+)")
            .matcher(jobmanager.path("command").asText());
    assertThat(dir.find()).as("jobmanager command: --checkpoint.dir file:///...").isTrue();
    for (String service : List.of("jobmanager", "taskmanager")) {
      assertThat(compose.at("/services/" + service + "/volumes"))
          .as(service + " mounts the checkpoint volume")
          .anySatisfy(
              v -> {
                String[] parts = v.asText().split(":");
                assertThat(parts[0]).isEqualTo("flink-checkpoints");
                assertThat(dir.group(1)).startsWith(parts[1] + "/");
              });
    }
  }

  @Test
  void theWatchdogDependsOnNoStageAndUsesItsOwnIdentities() throws IOException {
    JsonNode watchdog = compose.at("/services/watchdog");
    assertThat(watchdog.isMissingNode()).as("a watchdog service").isFalse();
    assertThat(watchdog.path("depends_on").isMissingNode())
        .as("the watchdog must run while any stage it watches is down")
        .isTrue();
    assertThat(watchdog.path("ports").isMissingNode()).as("nothing published").isTrue();
    assertThat(watchdog.path("environment").isMissingNode()).isTrue();

    Properties settings = new Properties();
    try (var in = Files.newBufferedReader(infra.resolve("watchdog/watchdog.properties"))) {
      settings.load(in);
    }
    String configClass =
        Files.readString(
            Repo.file("watchdog/src/main/java/io/heatwatch/watchdog/WatchdogConfig.java"));
    for (String key : settings.stringPropertyNames()) {
      assertThat(configClass).as("WatchdogConfig defines " + key).contains("\"" + key + "\"");
    }
    List<String> mounts = new ArrayList<>();
    watchdog.path("volumes").forEach(v -> mounts.add(v.asText()));
    assertThat(mounts).allSatisfy(m -> assertThat(m).endsWith(":ro"));
    assertThat(mounts)
        .contains("./watchdog/watchdog.properties:/opt/heatwatch/watchdog.properties:ro");

    // its own broker login, over TLS, its password a compose secret file of its own
    assertThat(settings.getProperty("mqtt.server-uri")).isEqualTo("ssl://mosquitto:8883");
    assertThat(settings.getProperty("mqtt.username")).isEqualTo("heatwatch-canary");
    String passwordFile = settings.getProperty("mqtt.password-file");
    assertThat(passwordFile).startsWith("/run/secrets/");
    String secret = passwordFile.substring("/run/secrets/".length());
    assertThat(watchdog.path("secrets").toString()).contains("\"" + secret + "\"");
    assertThat(compose.at("/secrets/" + secret + "/file").asText())
        .startsWith("${HEATWATCH_SECRETS_DIR}/");
    // its Elasticsearch user's password: setup sets it from the same secret file
    assertThat(compose.at("/services/setup/secrets").toString())
        .contains("\"watchdog_es_password\"");
    assertThat(watchdog.path("secrets").toString()).contains("\"watchdog_es_password\"");

    // the stages it reads, by their compose names
    assertThat(settings.getProperty("kafka.bootstrap.servers")).isEqualTo("kafka:9092");
    assertThat(settings.getProperty("connect.url")).isEqualTo("http://connect:8083");
    assertThat(settings.getProperty("flink.url")).isEqualTo("http://jobmanager:8081");
    assertThat(settings.getProperty("elasticsearch.url")).isEqualTo("https://elasticsearch:9200");
    String source = Files.readString(infra.resolve("connect/mqtt-source.json"));
    assertThat(source).contains("\"name\": \"" + settings.getProperty("connect.connector") + "\"");

    // BrokerQueueFill: half of memory_limit is the payload a store full of single readings holds
    assertThat(Long.parseLong(settings.getProperty("broker.queue.max-bytes")))
        .isEqualTo(BrokerMemoryTest.memoryLimitOfTheConf() / 2);
  }

  @Test
  void theWatchdogsMetricLinesGoToCloudWatchLogs() throws IOException {
    JsonNode logging = compose.at("/services/watchdog/logging");
    assertThat(logging.path("driver").asText()).isEqualTo("awslogs");
    JsonNode options = logging.path("options");
    assertThat(options.path("awslogs-region").asText()).isEqualTo("${AWS_REGION}");
    assertThat(options.path("awslogs-group").asText()).isEqualTo("${HEATWATCH_WATCHDOG_LOG_GROUP}");
    assertThat(options.path("mode").asText())
        .as("a CloudWatch outage must not block the watchdog's stdout")
        .isEqualTo("non-blocking");
    // the EC2 host writes both into .env from terraform (the log group terraform makes)
    String userData = Files.readString(Repo.file("terraform/user_data.sh.tftpl"));
    assertThat(userData)
        .contains("AWS_REGION=${region}")
        .contains("HEATWATCH_WATCHDOG_LOG_GROUP=${watchdog_log_group}");
    String healthcheck = compose.at("/services/watchdog/healthcheck/test").toString();
    assertThat(healthcheck).contains("http://127.0.0.1:8095/health");
    Properties settings = new Properties();
    try (var in = Files.newBufferedReader(infra.resolve("watchdog/watchdog.properties"))) {
      settings.load(in);
    }
    assertThat(settings.getProperty("health.port", "8095")).isEqualTo("8095");
  }

  @Test
  void everyDollarIsAVariableOrEscaped() throws IOException {
    // compose rejects the whole file on a bare $ ("invalid interpolation format")
    String text = Files.readString(infra.resolve("docker-compose.yml"));
    String rest = VARIABLE.matcher(text.replace("$$", "")).replaceAll("");
    assertThat(rest).as("a $ that is neither ${VAR} nor $$").doesNotContain("$");
  }

  @Test
  void theConsoleIsLoopbackOnlyAndGetsItsSecretsAsFiles() throws IOException {
    JsonNode console = compose.at("/services/console");
    assertThat(console.path("ports").toString()).isEqualTo("[\"127.0.0.1:8090:8090\"]");
    assertThat(console.at("/healthcheck/test").toString())
        .contains("http://127.0.0.1:8090/healthz");
    for (String server : List.of("elasticsearch", "kafka")) {
      assertThat(console.at("/depends_on/" + server + "/condition").asText())
          .as("console waits for " + server)
          .isEqualTo("service_healthy");
    }
    assertThat(console.at("/depends_on/setup/condition").asText())
        .as("console waits for its Elasticsearch user and the audit index")
        .isEqualTo("service_completed_successfully");
    assertThat(console.path("environment").isMissingNode()).isTrue();

    Properties settings = new Properties();
    try (var in = Files.newBufferedReader(infra.resolve("console/console.properties"))) {
      settings.load(in);
    }
    String configClass =
        Files.readString(
            Repo.file("console/src/main/java/io/heatwatch/console/config/ConsoleConfig.java"));
    for (String key : settings.stringPropertyNames()) {
      assertThat(configClass).as("ConsoleConfig reads " + key).contains("\"" + key + "\"");
      assertThat(key).as("a secret in console.properties").doesNotContainPattern("(?i)password$");
    }
    assertThat(settings.getProperty("console.port")).isEqualTo("8090");
    assertThat(settings.getProperty("elasticsearch.hosts")).startsWith("https://");

    // every path the console reads is mounted read-only, or a compose secret of the service
    List<String> mounts = new ArrayList<>();
    console.path("volumes").forEach(v -> mounts.add(v.asText()));
    assertThat(mounts).allSatisfy(m -> assertThat(m).endsWith(":ro"));
    String users = settings.getProperty("console.users-file");
    assertThat(mounts)
        .as("users-file's folder mounted (a folder: a replaced file shows without a restart)")
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("${HEATWATCH_SECRETS_DIR}/")
                    .endsWith(":" + users.substring(0, users.lastIndexOf('/')) + ":ro"));
    assertThat(mounts)
        .contains(
            "${HEATWATCH_SECRETS_DIR}/certs/ca.crt:"
                + settings.getProperty("elasticsearch.ca-file")
                + ":ro");
    String passwordFile = settings.getProperty("elasticsearch.password-file");
    assertThat(passwordFile).startsWith("/run/secrets/");
    String secret = passwordFile.substring("/run/secrets/".length());
    assertThat(console.path("secrets").toString()).contains("\"" + secret + "\"");
    assertThat(compose.at("/secrets/" + secret + "/file").asText())
        .startsWith("${HEATWATCH_SECRETS_DIR}/");
    // setup sets the password of the console's Elasticsearch user from the same file
    assertThat(compose.at("/services/setup/secrets").toString()).contains("\"" + secret + "\"");
  }

  @Test
  void theSetupServiceLoadsTheRepositoryFilesNotCopies() {
    List<String> mounts = new ArrayList<>();
    compose.at("/services/setup/volumes").forEach(v -> mounts.add(v.asText().split(":")[0]));
    assertThat(mounts).contains("./elasticsearch", "./kibana", "./connect", "./setup");
    assertThat(compose.at("/services/mosquitto/volumes").toString())
        .contains("./mosquitto/mosquitto.conf", "./mosquitto/acl");
  }
}
