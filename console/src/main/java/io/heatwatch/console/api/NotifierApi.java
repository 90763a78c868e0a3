package io.heatwatch.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.console.audit.AuditLog;
import io.heatwatch.console.auth.Sessions.Session;
import io.heatwatch.console.kafka.CommandPublisher;
import io.heatwatch.console.kafka.DeliveryLog;
import io.heatwatch.console.kafka.NotifierCatalogue;
import io.heatwatch.model.ChannelTest;
import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.NotifierSettings;
import io.heatwatch.model.SealedSecret;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The notifier's channels and "send test" (docs/notifications.md): {@code GET /api/notifier} is the
 * notifier's catalogue (what it can send through, nothing secret); {@code POST /api/notifier/tests}
 * asks it to send a test message through one channel, audited, and answers with the alarm id whose
 * notifications ({@code GET /api/alarms/{alarmId}/notifications}) say whether it arrived.
 */
public final class NotifierApi {
  /** How many of the latest channel tests {@code GET /api/notifier} lists. */
  static final int RECENT_TESTS = 50;

  private final NotifierCatalogue catalogue;
  private final DeliveryLog deliveries;
  private final CommandPublisher commands;
  private final AuditLog audit;
  private final Exchanges io;
  private final Clock clock;

  public NotifierApi(
      NotifierCatalogue catalogue,
      DeliveryLog deliveries,
      CommandPublisher commands,
      AuditLog audit,
      Exchanges io,
      Clock clock) {
    this.catalogue = catalogue;
    this.deliveries = deliveries;
    this.commands = commands;
    this.audit = audit;
    this.io = io;
    this.clock = clock;
  }

  /** The latest catalogue (null until the notifier has written one), and whether it is followed. */
  public void catalogue(HttpServerExchange exchange) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("following", catalogue.following());
    body.put("catalogue", catalogue.latest().orElse(null));
    body.put("recentTests", deliveries.tests(RECENT_TESTS));
    io.send(exchange, 200, body);
  }

  /** Asks for a test of {@code channel} (to {@code recipient}, for a channel that needs one). */
  public void test(HttpServerExchange exchange) {
    Session session = exchange.getAttachment(Exchanges.SESSION);
    JsonNode body = io.body(exchange, Set.of("channel", "recipient"));
    String channel = text(body, "channel");
    String recipient = text(body, "recipient");
    if (channel == null) {
      throw ApiException.badField("channel", "", "is required");
    }
    JsonNode known =
        catalogue
            .channel(channel)
            .orElseThrow(
                () ->
                    new ApiException(
                        404,
                        "channel",
                        "the notifier lists no channel "
                            + channel
                            + (catalogue.latest().isEmpty() ? " (it has not started yet)" : "")));
    if (known.path("needsRecipient").asBoolean() && recipient == null) {
      throw ApiException.badField(
          "recipient", "", "is required: channel " + channel + " sends to a recipient's address");
    }
    ChannelTest test;
    try {
      test =
          ChannelTest.of(
              UUID.randomUUID().toString(),
              channel,
              known.path("needsRecipient").asBoolean() ? recipient : null,
              session.user(),
              clock.instant());
    } catch (InvalidPayloadException e) {
      throw ApiException.badField(e.field(), "", e.getMessage());
    }
    commands.send(test);
    audit.write(
        session.user(), session.role().label(), "notifier.test", test.alarmId(), null, test);
    io.send(exchange, 202, Map.of("testId", test.testId(), "alarmId", test.alarmId()));
  }

  /**
   * The settings in effect (the notifier's report: its channels, recipients and policies as YAML,
   * and the last edit it refused, with why) and an edit saved but not yet applied, if any.
   */
  public void settings(HttpServerExchange exchange) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("following", catalogue.following());
    body.put("applied", catalogue.applied().orElse(null));
    body.put("pending", pending().map(NotifierApi::summary).orElse(null));
    io.send(exchange, 200, body);
  }

  /**
   * Saves channels, recipients and policies for the notifier (docs/notifications.md, "Editing in
   * the console"): refused if they were changed since the editor read version {@code baseVersion},
   * if an earlier edit is still waiting, or if a channel's secret is a value rather than a
   * reference; otherwise written for the notifier, which checks and applies them, and audited.
   */
  public void saveSettings(HttpServerExchange exchange) {
    Session session = exchange.getAttachment(Exchanges.SESSION);
    JsonNode body = io.body(exchange, Set.of("baseVersion", "channels", "recipients", "policies"));
    JsonNode applied =
        catalogue
            .applied()
            .orElseThrow(
                () ->
                    new ApiException(
                        409,
                        "$",
                        "the notifier has not reported its settings yet: is it running?"));
    pending()
        .ifPresent(
            p -> {
              throw new ApiException(
                  409,
                  "$",
                  "version "
                      + p.version()
                      + " saved by "
                      + p.by()
                      + " is waiting for the notifier to apply it");
            });
    long inEffect = applied.path("version").asLong();
    JsonNode base = body.path("baseVersion");
    if (!base.canConvertToLong()) {
      throw ApiException.badField("baseVersion", base, "is required: the version you edited");
    }
    if (base.asLong() != inEffect) {
      throw new ApiException(
          409,
          "baseVersion",
          "the settings changed since you opened them (version "
              + inEffect
              + " is in effect): reload and edit again");
    }
    Map<String, String> sections = new LinkedHashMap<>();
    for (String name : SettingsText.SECTIONS) {
      JsonNode n = body.path(name);
      if (!n.isTextual()) {
        throw ApiException.badField(name, n, "is required: the section's YAML text");
      }
      SettingsText.check(name, n.asText());
      sections.put(name, n.asText());
    }
    long version =
        Math.max(decided(applied), catalogue.edit().map(NotifierSettings::version).orElse(0L)) + 1;
    NotifierSettings settings;
    try {
      settings =
          NotifierSettings.of(
              version,
              sections.get("channels"),
              sections.get("recipients"),
              sections.get("policies"),
              session.user(),
              clock.instant());
    } catch (InvalidPayloadException e) {
      throw ApiException.badField(e.field(), "", e.getMessage());
    }
    commands.send(settings);
    audit.write(
        session.user(),
        session.role().label(),
        "notifier.settings",
        "version " + version,
        Map.of("version", inEffect),
        settings);
    io.send(exchange, 202, Map.of("version", version));
  }

  /**
   * Seals a secret typed in by an operator for the notifier, with the public key of its catalogue:
   * {@code {value}} → {@code {sealed}}, the text to put in a channel's password, token or secret.
   * The value is neither kept, logged nor audited (it changes nothing until settings are saved).
   */
  public void seal(HttpServerExchange exchange) {
    JsonNode body = io.body(exchange, Set.of("value"));
    JsonNode value = body.path("value");
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new ApiException(400, "value", "value: the secret to seal is required");
    }
    String key =
        catalogue
            .latest()
            .map(c -> c.path("sealingKey").asText(""))
            .filter(k -> !k.isEmpty())
            .orElseThrow(
                () ->
                    new ApiException(
                        409,
                        "sealingKey",
                        "the notifier has no settingsKey, so it could not open a sealed secret:"
                            + " use env:NAME or file:/path on its host"));
    try {
      io.send(
          exchange,
          200,
          Map.of("sealed", SealedSecret.seal(SealedSecret.publicKey(key), value.asText())));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "value", "value: " + e.getMessage());
    }
  }

  /** The latest edit, if the notifier has neither applied nor refused it yet. */
  private Optional<NotifierSettings> pending() {
    long done = catalogue.applied().map(NotifierApi::decided).orElse(0L);
    return catalogue.edit().filter(e -> e.version() > done);
  }

  /** The newest version the notifier's report says it decided on: applied, or refused. */
  private static long decided(JsonNode applied) {
    return Math.max(
        applied.path("version").asLong(), applied.path("rejected").path("version").asLong(0));
  }

  private static Map<String, Object> summary(NotifierSettings s) {
    return Map.of("version", s.version(), "by", s.by(), "at", s.at().toString());
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (!n.isTextual() || n.asText().isBlank()) {
      throw ApiException.badField(field, n, "must be non-empty text");
    }
    return n.asText().strip();
  }
}
