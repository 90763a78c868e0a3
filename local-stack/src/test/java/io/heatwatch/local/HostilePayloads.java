package io.heatwatch.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of what a hostile or broken device can send: random bytes and invalid UTF-8, broken
 * JSON, non-finite and extreme numbers in every numeric field, huge strings and arrays, deep
 * nesting, payloads and MQTT v5 user properties over every limit, impossible timestamps. Each
 * payload that names a device says {@value #DEVICE}, replaced by the device of the topic it is
 * published on, so the contract check that refuses it is the one the class is about. A few
 * generated values are legal after all (a tempC of -1 is a cold room, not an attack): the test asks
 * the contract which outcome each message must have.
 */
final class HostilePayloads {
  static final String DEVICE = "{{device}}";
  private static final String PAD = "{{pad}}";
  static final String SITE = "hostile";

  private HostilePayloads() {}

  /**
   * One hostile message: its class, its payload (a template when it is text) and its user
   * properties. Large parts are kept as a length ({@code pad} characters in place of {@value #PAD},
   * a property {@code padProperty} characters long) and made only when published, so a stream of
   * thousands stays small in memory.
   */
  record Hostile(
      String kind,
      String template,
      byte[] raw,
      int pad,
      Map<String, String> userProperties,
      int padProperty) {
    Hostile(String kind, String template, byte[] raw, Map<String, String> userProperties) {
      this(kind, template, raw, 0, userProperties, 0);
    }

    byte[] payloadFor(String deviceId) {
      if (raw != null) {
        return raw;
      }
      return template
          .replace(DEVICE, deviceId)
          .replace(PAD, "x".repeat(pad))
          .getBytes(StandardCharsets.UTF_8);
    }

    Map<String, String> properties() {
      if (padProperty == 0) {
        return userProperties;
      }
      Map<String, String> all = new LinkedHashMap<>(userProperties);
      all.put("big", "y".repeat(padProperty));
      return all;
    }
  }

  /** Every class, weighted so that the large ones stay few (the run must fit in memory). */
  static Arbitrary<Hostile> any() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, randomBytes()),
        Tuple.of(12, brokenJson()),
        Tuple.of(20, extremeNumbers()),
        Tuple.of(10, impossibleTimestamps()),
        Tuple.of(8, hugeStrings()),
        Tuple.of(6, deepNesting()),
        Tuple.of(6, wrongTypes()),
        Tuple.of(6, wrongDevice()),
        Tuple.of(8, tooManyUserProperties()),
        Tuple.of(1, oversize()),
        Tuple.of(1, hugeBatch()));
  }

  /** A valid reading of the templated device, with some fields replaced. */
  static String reading(Map<String, String> replaced) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("v", "1");
    fields.put("site", quote(SITE));
    fields.put("deviceId", quote(DEVICE));
    fields.put("sensorId", quote("t1"));
    fields.put("seq", "1");
    fields.put("ts", quote("2026-12-04T10:00:00Z"));
    fields.put("tempC", "21.5");
    fields.put("quality", quote("OK"));
    fields.putAll(replaced);
    List<String> members = new ArrayList<>();
    fields.forEach(
        (name, value) -> {
          if (value != null) {
            members.add(quote(name) + ":" + value);
          }
        });
    return "{" + String.join(",", members) + "}";
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }

  private static Arbitrary<Hostile> text(String kind, Arbitrary<String> templates) {
    return templates.map(t -> new Hostile(kind, t, null, Map.of()));
  }

  static Arbitrary<Hostile> randomBytes() {
    // Bytes 0x80-0xFF alone are never valid UTF-8 starts, so many of these are invalid UTF-8.
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMinSize(0)
        .ofMaxSize(2000)
        .map(bytes -> new Hostile("random bytes", null, bytes, Map.of()));
  }

  static Arbitrary<Hostile> brokenJson() {
    Arbitrary<String> cut =
        Arbitraries.integers()
            .between(0, 80)
            .map(n -> reading(Map.of()).substring(0, Math.min(n, reading(Map.of()).length() - 1)));
    Arbitrary<String> tokens =
        Arbitraries.of("{", "}", "[", "]", ",", ":", "\"a\"", "1", "null", "true", "NaN", "'x'")
            .list()
            .ofMaxSize(40)
            .map(list -> String.join("", list));
    Arbitrary<String> trailing = Arbitraries.of(reading(Map.of()) + " garbage");
    Arbitrary<String> twoReadings = Arbitraries.of(reading(Map.of()) + reading(Map.of()));
    return text("broken JSON", Arbitraries.oneOf(cut, tokens, trailing, twoReadings));
  }

  static Arbitrary<Hostile> extremeNumbers() {
    Arbitrary<String> field = Arbitraries.of("v", "seq", "tempC");
    Arbitrary<String> value =
        Arbitraries.of(
            "1e39",
            "-1e39",
            "1e999",
            "-1e999",
            "1.7976931348623157e308",
            "3.4028236e38",
            "2048.5",
            "-273.16",
            "9223372036854775808",
            "-1",
            "1e400",
            "18234.5",
            "NaN",
            "Infinity",
            "-Infinity",
            "0x10",
            "1e-400",
            "99999999999999999999999999999999");
    Arbitrary<String> quality = Arbitraries.of("OK", "OUT_OF_RANGE", "CRC_ERROR", "STALE");
    return Combinators.combine(field, value, quality)
        .as(
            (f, v, q) ->
                new Hostile(
                    "extreme number in " + f,
                    reading(Map.of(f, v, "quality", quote(q))),
                    null,
                    Map.of()));
  }

  static Arbitrary<Hostile> impossibleTimestamps() {
    return text(
        "impossible timestamp",
        Arbitraries.of(
                "+300000000-01-01T00:00:00Z",
                "-300000000-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z",
                "0000-01-01T00:00:00Z",
                "2100-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z",
                "2026-13-45T25:61:61Z",
                "2026-12-04",
                "",
                "yesterday")
            .map(ts -> reading(Map.of("ts", quote(ts)))));
  }

  static Arbitrary<Hostile> hugeStrings() {
    Arbitrary<String> field = Arbitraries.of("sensorId", "bootId", "site", "quality");
    Arbitrary<Integer> length = Arbitraries.integers().between(65, 200_000);
    return Combinators.combine(field, length)
        .as(
            (f, n) ->
                new Hostile(
                    "huge string in " + f, reading(Map.of(f, quote(PAD))), null, n, Map.of(), 0));
  }

  static Arbitrary<Hostile> deepNesting() {
    return Arbitraries.integers()
        .between(17, 5000)
        .map(
            depth ->
                new Hostile(
                    "deep nesting",
                    reading(Map.of("extra", "[".repeat(depth) + "]".repeat(depth))),
                    null,
                    Map.of()));
  }

  static Arbitrary<Hostile> wrongTypes() {
    Arbitrary<String> field = Arbitraries.of("v", "site", "seq", "ts", "tempC", "quality");
    Arbitrary<String> value = Arbitraries.of("{}", "[]", "true", "\"12\"", "[1,2]", "null");
    return Combinators.combine(field, value)
        .as((f, v) -> new Hostile("wrong type in " + f, reading(Map.of(f, v)), null, Map.of()));
  }

  static Arbitrary<Hostile> wrongDevice() {
    return text(
        "reading of another device",
        Arbitraries.of("someone-else", "h-0").map(d -> reading(Map.of("deviceId", quote(d)))));
  }

  static Arbitrary<Hostile> tooManyUserProperties() {
    Arbitrary<Map<String, String>> many =
        Arbitraries.integers()
            .between(17, 200)
            .map(
                n -> {
                  Map<String, String> props = new LinkedHashMap<>();
                  for (int i = 0; i < n; i++) {
                    props.put("p" + i, "v");
                  }
                  return props;
                });
    Arbitrary<Hostile> tooMany =
        many.map(props -> new Hostile("too many user properties", reading(Map.of()), null, props));
    Arbitrary<Hostile> tooBig =
        Arbitraries.of(5_000, 70_000, 1_100_000)
            .map(
                n ->
                    new Hostile(
                        "user properties over the byte limit",
                        reading(Map.of()),
                        null,
                        0,
                        Map.of(),
                        n));
    return Arbitraries.frequencyOf(Tuple.of(10, tooMany), Tuple.of(2, tooBig));
  }

  static Arbitrary<Hostile> oversize() {
    return Arbitraries.of(300_000, 1_200_000, 2_600_000)
        .map(
            n ->
                new Hostile(
                    "payload over the limit",
                    reading(Map.of("pad", quote(PAD))),
                    null,
                    n,
                    Map.of(),
                    0));
  }

  static Arbitrary<Hostile> hugeBatch() {
    return Arbitraries.integers()
        .between(4097, 6000)
        .map(
            n ->
                new Hostile(
                    "batch over the limit",
                    "[" + String.join(",", Collections.nCopies(n, "{}")) + "]",
                    null,
                    Map.of()));
  }
}
