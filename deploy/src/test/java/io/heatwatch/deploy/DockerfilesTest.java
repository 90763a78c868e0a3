package io.heatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Checks the Dockerfiles the compose file builds: pinned bases, no secrets, real COPY sources. */
class DockerfilesTest {
  private static final List<String> DOCKERFILES =
      List.of(
          "infra/connect/Dockerfile",
          "infra/flink/Dockerfile",
          "infra/console/Dockerfile",
          "infra/watchdog/Dockerfile",
          "infra/notifier/Dockerfile");
  private static final Pattern ARG = Pattern.compile("(?m)^ARG (\\w+)=(\\S+)$");

  @Test
  void baseImagesArePinned() throws IOException {
    for (String dockerfile : DOCKERFILES) {
      Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(read(dockerfile));
      assertThat(from.find()).as(dockerfile + ": FROM").isTrue();
      assertThat(from.group(1)).as(dockerfile).matches("[\\w./-]+:\\d+\\.\\d+[\\w.-]*");
    }
  }

  @Test
  void buildOutputsComeFromTheModulesThatMakeThem() throws IOException {
    String version = "0.1.0";
    for (String dockerfile : DOCKERFILES) {
      Matcher arg = ARG.matcher(read(dockerfile));
      while (arg.find()) {
        String source = arg.group(2);
        String module = source.substring(0, source.indexOf('/'));
        assertThat(Repo.file(module + "/pom.xml")).as(dockerfile + " " + arg.group(1)).exists();
        assertThat(source)
            .as(dockerfile + " " + arg.group(1))
            .startsWith(module + "/target/")
            .contains(version);
      }
    }
    // the names the modules give their artifacts
    assertThat(read("mqtt-bridge/pom.xml"))
        .contains("<finalName>heatwatch-mqtt-bridge-${project.version}</finalName>");
    assertThat(read("infra/connect/Dockerfile"))
        .contains("mqtt-bridge/target/heatwatch-mqtt-bridge-" + version + ".zip");
    assertThat(read("infra/flink/Dockerfile"))
        .contains("cloud-job/target/cloud-job-" + version + "-job.jar");
    assertThat(read("console/pom.xml"))
        .contains(
            "<outputFile>${project.build.directory}/heatwatch-console-${project.version}.jar"
                + "</outputFile>")
        .contains("<mainClass>io.heatwatch.console.ConsoleMain</mainClass>")
        .contains("ServicesResourceTransformer");
    assertThat(read("infra/console/Dockerfile"))
        .contains("console/target/heatwatch-console-" + version + ".jar");
  }

  @Test
  void theConsoleRunsAsItsOwnUserAndServesTheComposeConfig() throws IOException {
    String dockerfile = read("infra/console/Dockerfile");
    Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
    String last = null;
    while (user.find()) {
      last = user.group(1);
    }
    assertThat(last).as("the image's last USER").isNotNull().isNotIn("root", "0");
    assertThat(dockerfile)
        .contains("\"-jar\", \"/opt/heatwatch/heatwatch-console.jar\"")
        .contains("CMD [\"serve\", \"--config\", \"/opt/heatwatch/console.properties\"]");
    assertThat(read("infra/docker-compose.yml"))
        .contains("./console/console.properties:/opt/heatwatch/console.properties:ro");
  }

  @Test
  void copiedRepositoryFilesExistAndNoSecretIsCopied() throws IOException {
    for (String dockerfile : DOCKERFILES) {
      Matcher copy =
          Pattern.compile("(?m)^COPY (?:--\\S+ )*(\\S+) \\S+$").matcher(read(dockerfile));
      while (copy.find()) {
        String source = copy.group(1);
        if (!source.startsWith("${")) {
          assertThat(Repo.file(source)).as(dockerfile + " COPY").exists();
        }
        assertThat(source)
            .as(dockerfile + " COPY")
            .doesNotContainPattern("(?i)secret|passw|\\.key$|\\.p12$|\\.env");
      }
      assertThat(read(dockerfile))
          .as(dockerfile)
          .doesNotContainPattern("(?im)^(ENV|ARG) \\w*(PASSWORD|SECRET|TOKEN)");
    }
  }

  @Test
  void flinkTrustsTheStacksCaMountedAtRunTime() throws IOException {
    assertThat(read("infra/flink/Dockerfile"))
        .contains("ENTRYPOINT [\"/opt/heatwatch/trust-ca.sh\"]")
        .doesNotContain("ca.crt");
    assertThat(read("infra/flink/trust-ca.sh"))
        .contains("keytool -importcert")
        .contains("env.java.opts.all: -Djavax.net.ssl.trustStore=")
        .contains("exec /docker-entrypoint.sh \"$@\"");
    String compose = read("infra/docker-compose.yml");
    assertThat(compose.split("/certs/ca.crt:/opt/heatwatch/ca.crt:ro", -1))
        .as("ca.crt mounted into the JobManager and the TaskManager")
        .hasSizeGreaterThanOrEqualTo(3);
  }

  private static String read(String relative) throws IOException {
    return Files.readString(Repo.file(relative));
  }
}
