package io.heatwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.ContextAttributes;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A setting that holds a secret, as the channels' settings do. */
  record Login(String user, Secret password) {}

  @Test
  void readsAnEnvironmentVariableTrimmed() {
    Secret s =
        Secret.read("password", "env:SMTP_PASSWORD", Map.of("SMTP_PASSWORD", " s3cr3t\n")::get);

    assertThat(s.reveal()).isEqualTo("s3cr3t");
    assertThat(s.source()).isEqualTo("env:SMTP_PASSWORD");
  }

  @Test
  void readsAFileTrimmed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "tok-123\n");

    assertThat(Secret.read("token", "file:" + file).reveal()).isEqualTo("tok-123");
  }

  @Test
  void opensAValueSealedInTheConsoleOnlyWithTheNotifiersKey() {
    var key = NotifierYaml.SETTINGS_KEY;
    String sealed = io.heatwatch.model.SealedSecret.seal(key.getPublic(), "s3cr3t-token");
    Function<String, String> unseal =
        t -> io.heatwatch.model.SealedSecret.unseal(key.getPrivate(), t);

    Secret s = Secret.read("token", sealed, k -> null, unseal);
    assertThat(s.reveal()).isEqualTo("s3cr3t-token");
    assertThat(s.source()).isEqualTo("sealed");
    assertThatThrownBy(() -> Secret.read("token", sealed, k -> null))
        .hasMessageContaining("token: a sealed value needs the notifier's settingsKey");
    // the IV's first character changed: 12 bytes are 16 base64 characters, each of them all data
    String[] parts = sealed.split(":");
    parts[3] = (parts[3].charAt(0) == 'A' ? "B" : "A") + parts[3].substring(1);
    String changed = String.join(":", parts);
    assertThatThrownBy(() -> Secret.read("token", changed, k -> null, unseal))
        .hasMessageContaining("token: the sealed value does not open")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void refusesALiteralNamingTheFieldButNotTheValue() {
    assertThatThrownBy(() -> Secret.read("password", "hunter2", k -> null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "password must be env:NAME, file:/path or a value sealed in the console")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void refusesAnUnsetVariableAMissingFileAndAnEmptyValue(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Secret.read("token", "env:NOPE", k -> null))
        .hasMessage("token: environment variable NOPE is not set");
    assertThatThrownBy(() -> Secret.read("token", "file:" + dir.resolve("absent"), k -> null))
        .hasMessageStartingWith("token: cannot read");
    Path blank = Files.writeString(dir.resolve("blank"), " \n");
    assertThatThrownBy(() -> Secret.read("token", "file:" + blank, k -> null))
        .hasMessageEndingWith("is empty");
  }

  @Test
  void bindsEnvReferencesFromTheEnvironmentTheReaderWasGiven() throws Exception {
    Function<String, String> env = Map.of("SMTP_PASSWORD", "s3cr3t")::get;
    ObjectMapper mapper =
        new ObjectMapper(new YAMLFactory())
            .setDefaultAttributes(
                ContextAttributes.getEmpty().withSharedAttribute(Secret.ENV, env));

    Login login = mapper.readValue("user: maria\npassword: env:SMTP_PASSWORD\n", Login.class);

    assertThat(login.password().reveal()).isEqualTo("s3cr3t");
  }

  @Test
  void toStringHidesTheValueAlsoInsideARecord() {
    Secret s = Secret.of("hunter2");

    assertThat(s).hasToString("****");
    assertThat(new Login("maria", s).toString()).doesNotContain("hunter2");
  }

  @Test
  void bindsFromYamlAndRefusesALiteralNamingTheField(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "s3cr3t");

    Login login = YAML.readValue("user: maria\npassword: file:" + file + "\n", Login.class);
    assertThat(login.password().reveal()).isEqualTo("s3cr3t");

    assertThatThrownBy(() -> YAML.readValue("user: maria\npassword: hunter2\n", Login.class))
        .hasMessageContaining(
            "password must be env:NAME, file:/path or a value sealed in the console")
        .hasMessageNotContaining("hunter2");
  }
}
