package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import io.heatwatch.model.Golden.Invalid;
import io.heatwatch.model.Golden.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON Schemas in {@code src/main/resources/schemas} say what the codec enforces. */
class SchemaTest {
  /** Not JSON at all: rejected by any parser before a schema applies. */
  static final Set<String> NOT_JSON =
      Set.of("reading-not-json.json", "reading-empty.json", "reading-trailing-garbage.json");

  /**
   * Malformed files that JSON Schema cannot reject, so only the codec does: each is valid under its
   * schema (asserted below, so this list stays true).
   */
  static final Map<String, String> SCHEMA_CANNOT_EXPRESS =
      Map.of(
          "reading-deeply-nested.json", "nesting depth of unknown fields",
          "reading-seq-fraction.json", "JSON Schema counts 18234.0 as an integer",
          "sensor-config-low-not-below-high.json", "a comparison of two fields",
          "legacy-createtime-impossible-date.json", "calendar validity of a local date-time",
          "notification-alarm-id-mismatch.json", "equality of two fields");

  /** What the schemas' patterns end with instead of {@code $}, see their {@code $comment}. */
  private static final String END_OF_INPUT = "(?![\\s\\S])";

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(VersionFlag.V202012);
  private static final Map<Kind, JsonSchema> SCHEMAS = new EnumMap<>(Kind.class);

  static List<String> validFiles() {
    return Golden.validFiles();
  }

  static Stream<Invalid> invalidFiles() {
    return Golden.invalidIndex().stream().filter(i -> !NOT_JSON.contains(i.file()));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void schemaIsValidDraft202012(Kind kind) {
    JsonSchema metaSchema =
        FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    assertThat(metaSchema.validate(schemaNode(kind))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void validFilePassesItsSchema(String file) {
    Kind kind = Kind.ofFile(file);

    assertThat(errors(kind, Golden.tree(Golden.valid(file)))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void malformedFileFailsItsSchemaUnlessListed(Invalid invalid) {
    Set<ValidationMessage> errors =
        errors(invalid.kind(), Golden.tree(Golden.invalid(invalid.file())));

    if (SCHEMA_CANNOT_EXPRESS.containsKey(invalid.file())) {
      assertThat(errors).as("listed as not expressible, so the schema must accept it").isEmpty();
    } else {
      assertThat(errors).as(invalid.file()).isNotEmpty();
    }
  }

  @Test
  void filesThatAreNotJsonFailToParse() {
    for (String file : NOT_JSON) {
      byte[] payload = Golden.invalid(file);
      if (payload.length == 0) {
        assertThat(Golden.tree(payload).isMissingNode()).as(file + " holds no JSON value").isTrue();
      } else {
        assertThatThrownBy(() -> Golden.JSON.readTree(payload))
            .as(file)
            .isInstanceOf(JsonProcessingException.class);
      }
    }
  }

  @Test
  void readingSchemaAcceptsABatchButNotAnEmptyOne() {
    JsonNode one = Golden.tree(Golden.valid("reading-ok.json"));

    assertThat(errors(Kind.READING, Golden.JSON.createArrayNode().add(one).add(one))).isEmpty();
    assertThat(errors(Kind.READING, Golden.JSON.createArrayNode())).isNotEmpty();
  }

  @Test
  void encodedRecordsPassTheirSchemas() {
    Reading legacy = (Reading) Kind.LEGACY.decode(Golden.valid("legacy-temperature-msg.json"));

    assertThat(errors(Kind.READING, Golden.tree(TelemetryCodec.encode(legacy)))).isEmpty();
    assertThat(
            errors(
                Kind.READING,
                Golden.tree(
                    TelemetryCodec.encode(
                        TelemetryCodec.decodeReadings(Golden.valid("reading-batch.json"))))))
        .isEmpty();
  }

  @Test
  void patternsAreTheCodecsPatterns() {
    for (Kind kind : List.of(Kind.READING, Kind.ALARM, Kind.SENSOR_CONFIG, Kind.DEVICE_STATUS)) {
      JsonNode defs = schemaNode(kind).get("$defs");
      assertThat(defs.at("/segment/pattern").asText())
          .as(kind + " segment")
          .isEqualTo("^" + Check.SEGMENT.pattern() + END_OF_INPUT);
      if (kind != Kind.DEVICE_STATUS) {
        assertThat(defs.at("/sensorId/pattern").asText())
            .as(kind + " sensorId")
            .isEqualTo("^" + Check.SENSOR_ID.pattern() + END_OF_INPUT);
      }
    }
  }

  @Test
  void enumsAreTheJavaEnums() {
    JsonNode reading = schemaNode(Kind.READING).at("/$defs/reading/properties");
    JsonNode alarm = schemaNode(Kind.ALARM).get("properties");
    JsonNode status = schemaNode(Kind.DEVICE_STATUS).get("properties");

    assertThat(texts(reading.at("/quality/enum"))).isEqualTo(names(Quality.values()));
    assertThat(texts(alarm.at("/kind/enum"))).isEqualTo(names(Alarm.AlarmKind.values()));
    assertThat(texts(alarm.at("/severity/enum"))).isEqualTo(names(Alarm.Severity.values()));
    assertThat(texts(alarm.at("/state/enum"))).isEqualTo(names(Alarm.AlarmState.values()));
    assertThat(texts(status.at("/state/enum"))).isEqualTo(names(DeviceStatus.DeviceState.values()));
    JsonNode config = schemaNode(Kind.SENSOR_CONFIG).get("properties");
    List<String> profiles = new java.util.ArrayList<>(names(SensorProfile.values()));
    profiles.add(null);
    assertThat(texts(config.at("/profile/enum"))).isEqualTo(profiles);
    JsonNode notification = schemaNode(Kind.NOTIFICATION).get("properties");
    assertThat(texts(notification.at("/reason/enum")))
        .isEqualTo(names(Notification.Reason.values()));
    assertThat(notification.at("/level/maximum").asInt()).isEqualTo(Notification.MAX_LEVEL);
  }

  @Test
  void okRangeIsTheReadingsRange() {
    JsonNode tempC = schemaNode(Kind.READING).at("/$defs/reading/then/properties/tempC");

    assertThat(tempC.get("minimum").asDouble()).isEqualTo(Reading.MIN_C);
    assertThat(tempC.get("maximum").asDouble()).isEqualTo(Reading.MAX_C);
  }

  /** Edge values: the schema and the codec must give the same verdict on each. */
  @ParameterizedTest(name = "{0} = {1} -> valid {2}")
  @MethodSource("readingEdges")
  void schemaAndCodecAgreeOnEdges(String field, Object value, boolean valid) {
    ObjectNode reading = (ObjectNode) Golden.tree(Golden.valid("reading-ok.json"));
    reading.set(field, Golden.JSON.valueToTree(value));

    boolean codecAccepts = accepts(() -> TelemetryCodec.decodeReading(bytes(reading)));
    boolean schemaAccepts = errors(Kind.READING, reading).isEmpty();

    assertThat(codecAccepts).as("codec").isEqualTo(valid);
    assertThat(schemaAccepts).as("schema").isEqualTo(valid);
  }

  static Stream<Arguments> readingEdges() {
    String smile = "\uD83D\uDE00";
    return Stream.of(
        edge("tempC", -55.0, true),
        edge("tempC", 125.0, true),
        edge("tempC", -55.0625, false),
        edge("tempC", 125.0625, false),
        edge("site", "a".repeat(63), true),
        edge("site", "a".repeat(64), false),
        edge("site", "-home", false),
        edge("site", "home\n", false),
        edge("site", "home\r\n", false),
        edge("site", "", false),
        edge("deviceId", "pi_kitchen", false),
        edge("sensorId", "A".repeat(64), true),
        edge("sensorId", "A".repeat(65), false),
        edge("sensorId", "28-0316a2796aff.2", true),
        edge("sensorId", ".28", false),
        edge("sensorId", "s1\n", false),
        edge("bootId", "b".repeat(64), true),
        edge("bootId", "b".repeat(65), false),
        edge("bootId", smile.repeat(64), true),
        edge("bootId", smile.repeat(65), false),
        edge("seq", 0, true),
        edge("seq", Long.MAX_VALUE, true),
        edge("seq", new BigInteger("9223372036854775808"), false),
        edge("seq", -1, false),
        edge("ts", "2026-11-24T10:15:30Z", true),
        edge("ts", "2026-11-24T11:15:30.123456789+01:00", true),
        edge("ts", "2026-11-24T10:15:30", false),
        edge("ts", "2026-11-24T10:15:30Z\n", false),
        edge("ts", "2026-02-30T10:15:30Z", false),
        edge("ts", "2026-11-24 10:15:30Z", false),
        edge("v", 2, false),
        edge("v", "1", false),
        edge("quality", "ok", false));
  }

  private static Arguments edge(String field, Object value, boolean valid) {
    return Arguments.of(field, value, valid);
  }

  @Test
  void nonOkQualityTakesAnyTemperatureOrNone() {
    ObjectNode reading = (ObjectNode) Golden.tree(Golden.valid("reading-ok.json"));
    reading.put("quality", "OUT_OF_RANGE").put("tempC", 130.5);
    ObjectNode none = reading.deepCopy().put("quality", "DISCONNECTED");
    none.remove("tempC");

    assertThat(errors(Kind.READING, reading)).isEmpty();
    assertThat(errors(Kind.READING, none)).isEmpty();
    assertThat(accepts(() -> TelemetryCodec.decodeReading(bytes(reading)))).isTrue();
    assertThat(accepts(() -> TelemetryCodec.decodeReading(bytes(none)))).isTrue();
  }

  private static Set<ValidationMessage> errors(Kind kind, JsonNode payload) {
    return SCHEMAS
        .computeIfAbsent(
            kind,
            k -> {
              SchemaValidatorsConfig config = new SchemaValidatorsConfig();
              // format is only an annotation in 2020-12 unless asked for; the contract asserts it
              config.setFormatAssertionsEnabled(true);
              return FACTORY.getSchema(schemaNode(k), config);
            })
        .validate(payload);
  }

  private static JsonNode schemaNode(Kind kind) {
    try (InputStream in = SchemaTest.class.getResourceAsStream("/schemas/" + kind.schema)) {
      assertThat(in).as(kind.schema).isNotNull();
      return Golden.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean accepts(Runnable decode) {
    try {
      decode.run();
      return true;
    } catch (InvalidPayloadException e) {
      return false;
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return Golden.JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> texts(JsonNode array) {
    return Golden.JSON.convertValue(
        array, Golden.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
