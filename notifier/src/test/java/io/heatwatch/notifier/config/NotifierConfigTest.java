package io.heatwatch.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Pipeline;
import io.heatwatch.notifier.deliver.Intents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifierConfigTest {
  private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

  private static final String CHANNELS =
      """
      channels:
        ops-mail: {type: email, host: 127.0.0.1, port: 2525, tls: NONE, from: heatwatch@example.com}
        ops-slack: {type: webhook, preset: SLACK, url: "http://127.0.0.1:9/hook"}
      """;

  @Test
  void theExampleLoadsWithItsPoliciesInOrder() throws IOException {
    NotifierConfig c = NotifierConfig.parse("notifier-example.yml", example());

    assertThat(c.site()).isEqualTo("heatwatch");
    assertThat(c.kafka().bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(c.http().port()).isEqualTo(8095);
    assertThat(c.channelFailedAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.retry())
        .isEqualTo(new RetrySettings(Duration.ofSeconds(5), Duration.ofMinutes(5)));
    assertThat(c.channels()).containsOnlyKeys("ops-mail", "ops-slack", "ops-sms");
    assertThat(c.recipients().get("maria").email()).isEqualTo("maria@example.com");
    assertThat(c.policies())
        .extracting(Policy::name)
        .containsExactly("cold-store-critical", "heatwatch-itself", "everything-else");
    assertThat(c.policies().get(0).level(2).targets())
        .containsExactly(new Target("tom", "ops-sms"), new Target("tom", "ops-mail"));

    Alarm coldStore = Intents.alarm("a", AT).toBuilder().site("cold-store-b").build();
    Alarm warning = coldStore.toBuilder().severity(Severity.WARNING).build();
    Alarm failed =
        coldStore.toBuilder()
            .site("heatwatch")
            .deviceId(Pipeline.DEVICE_ID)
            .sensorId("ops-mail")
            .kind(AlarmKind.NOTIFICATION_FAILED)
            .build();
    assertThat(c.policyFor(coldStore).map(Policy::name)).contains("cold-store-critical");
    assertThat(c.policyFor(warning).map(Policy::name)).contains("everything-else");
    assertThat(c.policyFor(failed).map(Policy::name)).contains("heatwatch-itself");
  }

  @Test
  void anAlarmNoPolicyMatchesHasNoPolicy() {
    NotifierConfig c =
        parse(
            """
            policies:
              - match: {kinds: [LOW]}
                levels: [{notify: [{channel: ops-slack}]}]
            """);
    assertThat(c.policyFor(Intents.alarm("a", AT))).isEmpty();
    assertThat(c.policies().get(0).name()).isEqualTo("policy-1");
  }

  @Test
  void everyProblemIsReportedAtOnceNamingItsPath() {
    String yaml =
        """
        kafka: {bootstrapServers: "localhost:9092"}
        http: {port: 70000, publicUrl: "not a url"}
        channelFailedAfter: soon
        colour: blue
        """
            + CHANNELS
            + """
        recipients:
          maria: {name: Maria, email: maria-at-example.com}
          tom: {name: Tom, phone: "+4915100000002"}
        policies:
          - name: a
            levels: [{notify: [{channel: ops-slack}]}]
          - name: b
            match: {kinds: [HOT], severities: [CRITICAL]}
            levels: [{notify: [{channel: ops-slack}]}]
          - name: c
            levels:
              - notify: [{recipient: maria, channel: ops-mail}, {channel: ops-sms}]
              - notify: [{recipient: nobody, channel: ops-mail}]
              - notify: [{recipient: tom, channel: ops-mail}]
              - notify: []
        """;

    assertThatThrownBy(() -> NotifierConfig.parse("bad.yml", yaml))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .contains(
                        "policies[2].levels[0].notify[1].channel: no channel \"ops-sms\"",
                        "policies[2].levels[1].notify[0].recipient: no recipient \"nobody\"",
                        "policies[2].levels[2].notify[0].recipient: tom has no email for channel"
                            + " \"ops-mail\"",
                        "colour: unknown key (known: ackKey, channelFailedAfter, channels,"
                            + " flapWindow, groupWindow, http, kafka, maintenance, maxLogEntries,"
                            + " policies, recipients, retry, settingsKey, site)",
                        "recipients.maria.email: not an e-mail address: \"maria-at-example.com\"")
                    .anySatisfy(p -> assertThat(p).startsWith("http.port: must be 0..65535"))
                    .anySatisfy(p -> assertThat(p).startsWith("http.publicUrl: "))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("channelFailedAfter").contains("soon"))
                    .anySatisfy(
                        p -> assertThat(p).startsWith("policies[1].match.kinds[0]: \"HOT\""))
                    .anySatisfy(p -> assertThat(p).startsWith("policies[2].levels[3].notify: ")))
        .hasMessageStartingWith("bad.yml: ");
  }

  @Test
  void aChannelWithBadSettingsIsNamed() {
    String yaml =
        """
        kafka: {bootstrapServers: "localhost:9092"}
        http: {publicUrl: "http://127.0.0.1:8095"}
        channels:
          pigeon: {type: pigeon}
        policies:
          - levels: [{notify: [{channel: pigeon}]}]
        """;
    assertThatThrownBy(() -> NotifierConfig.parse("bad.yml", yaml))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .anySatisfy(p -> assertThat(p).startsWith("channels.pigeon"))
                    .anySatisfy(
                        p ->
                            assertThat(p)
                                .isEqualTo(
                                    "policies[0].levels[0].notify[0].channel: no channel"
                                        + " \"pigeon\"")));
  }

  @Test
  void channelIdsAndTheSiteMustFitTheAlarmsTheNotifierRaises() {
    // NOTIFICATION_FAILED carries the channel id as its sensor and the site as its site.
    String yaml =
        """
        site: Head Office
        kafka: {bootstrapServers: "localhost:9092"}
        http: {publicUrl: "http://127.0.0.1:8095"}
        channels:
          "ops mail": {type: email, host: 127.0.0.1, port: 2525, tls: NONE, from: a@example.com}
        policies:
          - levels: [{notify: [{channel: "ops mail"}]}]
        """;
    assertThatThrownBy(() -> NotifierConfig.parse("bad.yml", yaml))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .anySatisfy(p -> assertThat(p).startsWith("site: \"Head Office\""))
                    .anySatisfy(p -> assertThat(p).startsWith("channels.ops mail: the id")));
  }

  @Test
  void missingSectionsAreNamed() {
    assertThatThrownBy(() -> NotifierConfig.parse("empty.yml", "site: home\n"))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .contains("kafka: missing", "http: missing", "channels: missing"));
  }

  private static NotifierConfig parse(String policies) {
    return NotifierConfig.parse(
        "test",
        """
        kafka: {bootstrapServers: "localhost:9092"}
        http: {publicUrl: "http://127.0.0.1:8095"}
        """
            + CHANNELS
            + policies);
  }

  /**
   * The console's editor starts from the file's sections as the notifier writes them back: saved
   * unchanged, they must read as the same settings (a phone number or a "1.5" must stay text).
   */
  @Test
  void theFilesSectionsWrittenBackForTheConsoleReadAsTheSameSettings() throws IOException {
    NotifierConfig file = NotifierConfig.parse("notifier-example.yml", example());
    Sections s = file.sections();
    assertThat(s.version()).isZero();

    NotifierConfig saved =
        file.with(
            io.heatwatch.model.NotifierSettings.of(
                1, s.channels(), s.recipients(), s.policies(), "maria", AT));

    assertThat(saved.recipients()).isEqualTo(file.recipients());
    assertThat(saved.channels()).isEqualTo(file.channels());
    assertThat(saved.policies()).isEqualTo(file.policies());
    assertThat(saved.sections().version()).isEqualTo(1);
  }

  /** A Slack URL holds its token: sealed in the console, only the notifier's key opens it. */
  @Test
  void aWebhookUrlSealedInTheConsoleIsOpenedWithTheSettingsKey(@TempDir Path dir) throws Exception {
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    java.security.KeyPair pair = rsa.generateKeyPair();
    Path pem =
        Files.writeString(
            dir.resolve("settings-key.pem"),
            "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    String slack = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX";
    String sealed = io.heatwatch.model.SealedSecret.seal(pair.getPublic(), slack);
    String yaml =
        """
        kafka: {bootstrapServers: "127.0.0.1:9092"}
        http: {publicUrl: "https://heatwatch.example.com/"}
        %s
        channels:
          ops-slack: {type: webhook, preset: SLACK, url: "%s"}
        policies:
          - levels: [{notify: [{channel: ops-slack}]}]
        """;

    NotifierConfig c =
        NotifierConfig.parse("test", yaml.formatted("settingsKey: file:" + pem, sealed));
    assertThat(
            ((io.heatwatch.notifier.channel.WebhookSettings) c.channels().get("ops-slack")).url())
        .hasToString(slack);
    assertThat(c.sections().channels()).contains(sealed).doesNotContain("XXXXXXXX");

    assertThatThrownBy(() -> NotifierConfig.parse("test", yaml.formatted("", sealed)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "channels.ops-slack.url: a sealed value needs the notifier's settingsKey")
        .hasMessageNotContaining("XXXXXXXX");
  }

  private static String example() throws IOException {
    try (InputStream in = NotifierConfigTest.class.getResourceAsStream("/notifier-example.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void routingKeysQuietHoursAndMaintenanceAreReadAndTheirDefaultsKept() {
    NotifierConfig plain =
        parse(
            """
            policies:
              - levels: [{notify: [{channel: ops-slack}]}]
            """);
    assertThat(plain.routing()).isEqualTo(RoutingSettings.DEFAULTS);

    NotifierConfig c =
        parse(
            """
            groupWindow: 2 min
            flapWindow: 0 s
            maintenance:
              - {id: defrost, sites: [cold-store-b], from: "2026-12-05T22:00:00Z",
                 until: "2026-12-06T02:00:00Z", by: tom, reason: planned defrost}
            recipients:
              maria: {name: Maria, email: maria@example.com,
                      quietHours: {from: "22:00", until: "07:00", zone: Europe/Madrid}}
            policies:
              - levels: [{notify: [{recipient: maria, channel: ops-mail}]}]
            """);
    assertThat(c.routing().groupWindow()).isEqualTo(java.time.Duration.ofMinutes(2));
    assertThat(c.routing().flapWindow()).isZero();
    assertThat(c.routing().maintenance())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.id()).isEqualTo("defrost");
              assertThat(w.sites()).containsExactly("cold-store-b");
              assertThat(w.by()).isEqualTo("tom");
            });
    assertThat(c.recipients().get("maria").quietHours().zone().getId()).isEqualTo("Europe/Madrid");
  }

  @Test
  void aMaintenanceWindowThatNeverEndsOrBadQuietHoursAreRefusedNamingThePath() {
    String yaml =
        CHANNELS
            + """
        kafka: {bootstrapServers: "localhost:9092"}
        http: {publicUrl: "https://example.com/"}
        groupWindow: -1 s
        maintenance:
          - {id: forever, from: "2026-12-01T00:00:00Z", until: "2027-12-01T00:00:00Z", by: tom}
          - {id: nobody, from: "2026-12-01T00:00:00Z", until: "2026-12-02T00:00:00Z"}
        recipients:
          maria: {name: Maria, email: maria@example.com,
                  quietHours: {from: "22:00", until: "22:00", zone: Mars/Olympus}}
        policies:
          - levels: [{notify: [{channel: ops-slack}]}]
        """;
    assertThatThrownBy(() -> NotifierConfig.parse("bad.yml", yaml))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .anyMatch(
                        p -> p.startsWith("maintenance[0]: ") && p.contains("windows always end"))
                    .anyMatch(p -> p.startsWith("maintenance[1].by: "))
                    .anyMatch(p -> p.startsWith("recipients.maria.quietHours: "))
                    .anyMatch(p -> p.startsWith("groupWindow: ")));
  }
}
