package io.heatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.heatwatch.notifier.config.NotifierConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's notifier: loopback-only, secrets only as files from the secrets folder, its
 * configuration valid for the notifier itself, and an image running as its own user whose folder
 * user_data makes.
 */
class NotifierServiceTest {
  private static final String SECRETS = "/run/secrets/notifier/";
  private static final Pattern FILE_REFERENCE = Pattern.compile("file:(\\S+)");

  private static JsonNode service;
  private static String yaml;

  @BeforeAll
  static void parse() throws IOException {
    JsonNode compose =
        new ObjectMapper(new YAMLFactory())
            .readTree(Repo.file("infra/docker-compose.yml").toFile());
    service = compose.at("/services/notifier");
    yaml = Files.readString(Repo.file("infra/notifier/notifier.yml"));
  }

  @Test
  void itIsPublishedOnLoopbackOnlyAndWaitsForKafkaAndTheTopics() {
    assertThat(service.isMissingNode()).as("a notifier service").isFalse();
    assertThat(service.path("ports").toString()).isEqualTo("[\"127.0.0.1:8096:8096\"]");
    assertThat(service.at("/healthcheck/test").toString()).contains("http://127.0.0.1:8096/health");
    assertThat(service.at("/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
    assertThat(service.at("/depends_on/setup/condition").asText())
        .as("the notification topics are made by setup")
        .isEqualTo("service_completed_successfully");
    assertThat(service.path("environment").isMissingNode()).as("no secret in variables").isTrue();
  }

  @Test
  void everySecretIsAFileFromTheMountedSecretsFolder() {
    List<String> mounts = new ArrayList<>();
    service.path("volumes").forEach(v -> mounts.add(v.asText()));
    assertThat(mounts).allSatisfy(m -> assertThat(m).endsWith(":ro"));
    assertThat(mounts)
        .contains(
            "./notifier/notifier.yml:/opt/heatwatch/notifier.yml:ro",
            "${HEATWATCH_SECRETS_DIR}/notifier:"
                + SECRETS.substring(0, SECRETS.length() - 1)
                + ":ro");
    assertThat(yaml).as("secrets are files, not variables").doesNotContain("env:");
    Matcher m = FILE_REFERENCE.matcher(yaml);
    int references = 0;
    while (m.find()) {
      references++;
      assertThat(m.group(1)).as("a secret file").startsWith(SECRETS);
    }
    assertThat(references).as("the ack key and the channels' secrets").isGreaterThanOrEqualTo(3);
  }

  @Test
  void itsConfigurationIsOneTheNotifierAccepts(@TempDir Path secrets) throws IOException {
    Matcher m = FILE_REFERENCE.matcher(yaml);
    while (m.find()) {
      // 64 characters: long enough for the ack key and for a password
      String name = m.group(1);
      Files.writeString(
          secrets.resolve(name.substring(SECRETS.length())),
          name.endsWith("webhook-secret")
              ? "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
              : name.endsWith(".pem") ? rsaPem() : "0123456789abcdef".repeat(4));
    }
    NotifierConfig config =
        NotifierConfig.parse(
            "infra/notifier/notifier.yml", yaml.replace(SECRETS, secrets.toString() + "/"));
    assertThat(config.http().port()).isEqualTo(8096);
    assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(config.ackKey()).as("acknowledgement links signed").isNotNull();
    assertThat(config.sealingKey()).as("secrets sealed in the console open").isNotNull();
  }

  /** An RSA private key as `openssl genpkey` writes it (PKCS#8 PEM). */
  private static String rsaPem() {
    try {
      java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      return "-----BEGIN PRIVATE KEY-----\n"
          + java.util.Base64.getMimeEncoder()
              .encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theImageRunsAsItsOwnUserWhoseSecretsFolderUserDataMakes() throws IOException {
    String dockerfile = Files.readString(Repo.file("infra/notifier/Dockerfile"));
    Matcher uid = Pattern.compile("useradd --system --uid (\\d+)").matcher(dockerfile);
    assertThat(uid.find()).as("the image's user").isTrue();
    assertThat(dockerfile).containsPattern("(?m)^USER heatwatch$");
    assertThat(dockerfile)
        .contains("\"-jar\", \"/opt/heatwatch/heatwatch-notifier.jar\"")
        .contains("CMD [\"--config\", \"/opt/heatwatch/notifier.yml\"]")
        .contains("notifier/target/heatwatch-notifier-0.1.0.jar");
    String userData = Files.readString(Repo.file("terraform/user_data.sh.tftpl"));
    assertThat(userData)
        .contains(
            "install -d -o " + uid.group(1) + " -g " + uid.group(1) + " -m 700 $secrets/notifier")
        .contains("$secrets/notifier/ack-key")
        .contains("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072")
        .contains("chown 10003:10003 $secrets/notifier/settings-key.pem");
  }
}
