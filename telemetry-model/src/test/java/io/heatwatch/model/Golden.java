package io.heatwatch.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/** The golden example files under {@code src/test/resources/golden} and what decodes them. */
final class Golden {
  /** Strict like the codec: trailing tokens fail, so "not JSON" means the same to both. */
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Numbers compare by value, so 8 and 8.0 are the same JSON number. */
  static final Comparator<JsonNode> NUMBERS_BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private Golden() {}

  /** The payload kinds, each with its file-name prefix, JSON Schema and decoder. */
  enum Kind {
    READING("reading-", "reading.schema.json", TelemetryCodec::decodeReadings),
    DEVICE_STATUS("device-status-", "device-status.schema.json", TelemetryCodec::decodeStatus),
    // before ALARM, whose prefix "alarm-" it shares
    ALARM_COMMAND(
        "alarm-command-", "alarm-command.schema.json", TelemetryCodec::decodeAlarmCommand),
    ALARM("alarm-", "alarm.schema.json", TelemetryCodec::decodeAlarm),
    SENSOR_CONFIG("sensor-config", "sensor-config.schema.json", TelemetryCodec::decodeSensorConfig),
    NOTIFICATION("notification-", "notification.schema.json", TelemetryCodec::decodeNotification),
    CHANNEL_TEST("channel-test-", "channel-test.schema.json", TelemetryCodec::decodeChannelTest),
    NOTIFIER_SETTINGS(
        "notifier-settings-",
        "notifier-settings.schema.json",
        TelemetryCodec::decodeNotifierSettings),
    LEGACY(
        "legacy-",
        "legacy-temperature-msg.schema.json",
        payload -> LegacyCodec.decode(payload, ZoneOffset.UTC));

    final String prefix;
    final String schema;
    final Function<byte[], Object> decoder;

    Kind(String prefix, String schema, Function<byte[], Object> decoder) {
      this.prefix = prefix;
      this.schema = schema;
      this.decoder = decoder;
    }

    static Kind ofFile(String fileName) {
      return Stream.of(values())
          .filter(k -> fileName.startsWith(k.prefix))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no payload kind for " + fileName));
    }

    static Kind ofIndexName(String name) {
      return Stream.of(values())
          .filter(k -> k.prefix.replaceAll("-$", "").equals(name))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown kind " + name));
    }

    Object decode(byte[] payload) {
      return decoder.apply(payload);
    }
  }

  /** One malformed file and the rejection it must cause. */
  record Invalid(String file, Kind kind, String field, String value, String reason) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Path dir() {
    try {
      return Path.of(Golden.class.getResource("/golden").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Names of the valid files, directly under {@code golden/}. */
  static List<String> validFiles() {
    return jsonFilesIn(dir());
  }

  /** Names of the malformed files under {@code golden/invalid/}, the index excluded. */
  static List<String> invalidFiles() {
    return jsonFilesIn(dir().resolve("invalid")).stream()
        .filter(name -> !name.equals("index.json"))
        .toList();
  }

  /** The entries of {@code golden/invalid/index.json}. */
  static List<Invalid> invalidIndex() {
    JsonNode index = tree(bytes(dir().resolve("invalid/index.json")));
    List<Invalid> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = index.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      entries.add(
          new Invalid(
              e.getKey(),
              Kind.ofIndexName(v.get("kind").asText()),
              v.get("field").asText(),
              v.get("value").asText(),
              v.get("reason").asText()));
    }
    return entries;
  }

  static byte[] valid(String name) {
    return bytes(dir().resolve(name));
  }

  static byte[] invalid(String name) {
    return bytes(dir().resolve("invalid").resolve(name));
  }

  static JsonNode tree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy without null-valued object fields: absent and null mean the same in the contract. */
  static JsonNode withoutNulls(JsonNode node) {
    JsonNode copy = node.deepCopy();
    stripNulls(copy);
    return copy;
  }

  private static void stripNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.properties().removeIf(e -> e.getValue().isNull());
    }
    node.forEach(Golden::stripNulls);
  }

  private static List<String> jsonFilesIn(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
