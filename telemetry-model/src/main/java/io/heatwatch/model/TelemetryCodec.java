package io.heatwatch.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON codec of the wire contract, used by the agent, the bridge, the job and the console.
 *
 * <p>Decoding reads a tree and maps it field by field so that every rejection names the field and
 * the value; unknown fields are ignored so that v1 can grow optional fields.
 */
public final class TelemetryCodec {
  /** Largest payload the contract allows (one message or one batch). */
  public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  /** Deepest nesting of arrays and objects a payload may have; a batch of readings needs 2. */
  static final int MAX_NESTING_DEPTH = 16;

  // Trailing tokens fail: otherwise "{...} garbage" or two concatenated readings would be read as
  // the first value alone, and the rest of the payload silently dropped.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                  .build())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private TelemetryCodec() {}

  /** The JSON bytes of any contract record. */
  public static byte[] encode(Object record) {
    try {
      return MAPPER.writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + record.getClass().getSimpleName(), e);
    }
  }

  /**
   * The fields of any contract record as its JSON has them (instants as ISO-8601 text, absent
   * optional fields left out): the document that stores it, e.g. an alarm in Elasticsearch.
   */
  public static java.util.Map<String, Object> fields(Object record) {
    return MAPPER.convertValue(
        record,
        new com.fasterxml.jackson.core.type.TypeReference<
            java.util.LinkedHashMap<String, Object>>() {});
  }

  /** The JSON text of any contract record. */
  public static String encodeToString(Object record) {
    try {
      return MAPPER.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + record.getClass().getSimpleName(), e);
    }
  }

  /** One reading from a single-object payload. */
  public static Reading decodeReading(byte[] payload) {
    return reading(parse(payload));
  }

  /** The readings of a payload that holds one reading object or a JSON array of them. */
  public static List<Reading> decodeReadings(byte[] payload) {
    JsonNode root = parse(payload);
    if (!root.isArray()) {
      return List.of(reading(root));
    }
    if (root.isEmpty()) {
      throw new InvalidPayloadException("$", root, "a batch must hold at least one reading");
    }
    if (root.size() > Limits.MAX_BATCH_READINGS) {
      throw new InvalidPayloadException(
          "$",
          root.size() + " readings",
          "a batch may hold at most " + Limits.MAX_BATCH_READINGS + " readings");
    }
    List<Reading> readings = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      try {
        readings.add(reading(root.get(i)));
      } catch (InvalidPayloadException e) {
        throw e.inBatchElement(i);
      }
    }
    return readings;
  }

  /** A device status. */
  public static DeviceStatus decodeStatus(byte[] payload) {
    JsonFields f = new JsonFields(parse(payload), "DeviceStatus");
    return DeviceStatus.builder()
        .v(f.version())
        .site(f.text("site"))
        .deviceId(f.text("deviceId"))
        .state(f.enumValue("state", DeviceStatus.DeviceState.class))
        .ts(f.instant("ts"))
        .bootId(f.text("bootId"))
        .agentVersion(f.text("agentVersion"))
        .outboxDepth(f.integer("outboxDepth"))
        .dropped(f.integer("dropped"))
        .uptimeS(f.integer("uptimeS"))
        .cpuTempC(f.number("cpuTempC"))
        .refused(f.integer("refused"))
        .sensorsConfigured(f.integer("sensorsConfigured"))
        .sensorsSeen(f.integer("sensorsSeen"))
        .lastGoodReadTs(f.instant("lastGoodReadTs"))
        .build();
  }

  /** An alarm event. */
  public static Alarm decodeAlarm(byte[] payload) {
    return alarm(new JsonFields(parse(payload), "Alarm"));
  }

  private static Alarm alarm(JsonFields f) {
    return Alarm.builder()
        .v(f.version())
        .alarmId(f.text("alarmId"))
        .version(f.requiredInteger("version"))
        .site(f.text("site"))
        .deviceId(f.text("deviceId"))
        .sensorId(f.text("sensorId"))
        .kind(f.enumValue("kind", Alarm.AlarmKind.class))
        .severity(f.enumValue("severity", Alarm.Severity.class))
        .state(f.enumValue("state", Alarm.AlarmState.class))
        .openedAt(f.instant("openedAt"))
        .updatedAt(f.instant("updatedAt"))
        .clearedAt(f.instant("clearedAt"))
        .ackedBy(f.text("ackedBy"))
        .ackComment(f.text("ackComment"))
        .value(f.number("value"))
        .threshold(f.number("threshold"))
        .message(f.text("message"))
        .excursion(excursion(f.object("excursion")))
        .build();
  }

  private static Alarm.Excursion excursion(JsonFields f) {
    if (f == null) {
      return null;
    }
    return new Alarm.Excursion(
        f.requiredInteger("durationS"),
        Check.notNull("excursion.peakC", f.number("peakC")),
        Check.notNull("excursion.meanC", f.number("meanC")),
        Check.notNull("excursion.mktC", f.number("mktC")));
  }

  /** A notification intent. */
  public static Notification decodeNotification(byte[] payload) {
    JsonFields f = new JsonFields(parse(payload), "Notification");
    return new Notification(
        f.version(),
        f.text("alarmId"),
        f.requiredInteger("alarmVersion"),
        f.enumValue("reason", Notification.Reason.class),
        f.requiredInt("level"),
        f.requiredInt("count"),
        f.instant("at"),
        alarm(Check.notNull("alarm", f.object("alarm"))));
  }

  /** A request to test a notification channel. */
  public static ChannelTest decodeChannelTest(byte[] payload) {
    JsonFields f = new JsonFields(parse(payload), "ChannelTest");
    return new ChannelTest(
        f.version(),
        f.text("testId"),
        f.text("channel"),
        f.text("recipient"),
        f.text("by"),
        f.instant("at"));
  }

  /** The notifier's channels, recipients and policies as edited in the console. */
  public static NotifierSettings decodeNotifierSettings(byte[] payload) {
    JsonFields f = new JsonFields(parse(payload), "NotifierSettings");
    return new NotifierSettings(
        f.version(),
        f.requiredInteger("version"),
        f.text("channels"),
        f.text("recipients"),
        f.text("policies"),
        f.text("by"),
        f.instant("at"));
  }

  /** An operator's command on an alarm. */
  public static AlarmCommand decodeAlarmCommand(byte[] payload) {
    JsonFields f = new JsonFields(parse(payload), "AlarmCommand");
    return new AlarmCommand(
        f.version(),
        f.text("alarmId"),
        f.enumValue("action", AlarmCommand.Action.class),
        f.text("by"),
        f.text("comment"),
        f.instant("ts"));
  }

  /** A sensor's thresholds. */
  public static SensorConfig decodeSensorConfig(byte[] payload) {
    JsonFields f = new JsonFields(parse(payload), "SensorConfig");
    return SensorConfig.builder()
        .v(f.version())
        .sensorId(f.text("sensorId"))
        .site(f.text("site"))
        .deviceId(f.text("deviceId"))
        .name(f.text("name"))
        .highC(f.number("highC"))
        .lowC(f.number("lowC"))
        .hysteresisC(f.number("hysteresisC"))
        .maxRateCPerMin(f.number("maxRateCPerMin"))
        .minDurationS(f.integer("minDurationS"))
        .spikeZ(f.number("spikeZ"))
        .updatedAt(f.instant("updatedAt"))
        .updatedBy(f.text("updatedBy"))
        .silentAfterS(f.integer("silentAfterS"))
        .retiredAt(f.instant("retiredAt"))
        .profile(f.enumValue("profile", SensorProfile.class))
        .build();
  }

  private static Reading reading(JsonNode node) {
    JsonFields f = new JsonFields(node, "Reading");
    return new Reading(
        f.version(),
        f.text("site"),
        f.text("deviceId"),
        f.text("sensorId"),
        f.requiredInteger("seq"),
        f.instant("ts"),
        f.number("tempC"),
        f.enumValue("quality", Quality.class),
        f.text("bootId"),
        f.bool("clockUnsynced"));
  }

  static JsonNode parse(byte[] payload) {
    if (payload == null || payload.length == 0) {
      throw new InvalidPayloadException("$", "", "empty payload");
    }
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new InvalidPayloadException(
          "$", payload.length + " bytes", "payload larger than " + MAX_PAYLOAD_BYTES + " bytes");
    }
    try {
      JsonNode root = MAPPER.readTree(payload);
      if (root == null || root.isMissingNode()) {
        throw new InvalidPayloadException("$", "", "empty payload");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new InvalidPayloadException(
          "$", preview(payload), "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidPayloadException(
          "$", preview(payload), "not readable: " + e.getMessage(), e);
    }
  }

  private static String preview(byte[] payload) {
    return new String(payload, 0, Math.min(payload.length, 80), StandardCharsets.UTF_8);
  }
}
