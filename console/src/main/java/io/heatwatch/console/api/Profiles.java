package io.heatwatch.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.console.config.ConsoleConfig.DefaultThresholds;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.Thresholds;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sensor profiles as the config form shows them: each profile's defaults come from {@link
 * SensorProfile#thresholds(Thresholds)} over the job's defaults, so the page holds no copy of them.
 */
final class Profiles {
  /** The values a config's {@code profile} may take, as the wire writes them. */
  static final String ALLOWED =
      Arrays.stream(SensorProfile.values()).map(Enum::name).collect(Collectors.joining(", "));

  private Profiles() {}

  /**
   * The job's own defaults ({@link SensorProfile#CUSTOM}): {@link Thresholds#DEFAULTS} with the
   * {@code alarm.*} settings the console is told the job runs with.
   */
  static Thresholds jobDefaults(DefaultThresholds d) {
    return Thresholds.DEFAULTS.toBuilder()
        .highC(d.highC())
        .lowC(d.lowC())
        .hysteresisC(d.hysteresisC())
        .maxRateCPerMin(d.maxRateCPerMin())
        .spikeZ(d.spikeZ())
        .build();
  }

  /** Every profile's defaults by its name, in declaration order. */
  static Map<String, Map<String, Object>> all(Thresholds jobDefaults) {
    Map<String, Map<String, Object>> all = new LinkedHashMap<>();
    for (SensorProfile profile : SensorProfile.values()) {
      all.put(profile.name(), view(profile.thresholds(jobDefaults)));
    }
    return all;
  }

  /**
   * The fields of {@code t} a person sets or reads on the sensor page, in the config's units
   * (seconds, not milliseconds); a defrost or exposure limit the thresholds do not have is null.
   */
  static Map<String, Object> view(Thresholds t) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("highC", t.highC());
    v.put("lowC", t.lowC());
    v.put("hysteresisC", t.hysteresisC());
    v.put("maxRateCPerMin", t.maxRateCPerMin());
    v.put("spikeZ", t.spikeZ());
    v.put("minDurationS", t.minDurationMs() / 1000);
    v.put("detectors", t.detectors().stream().map(AlarmKind::name).sorted().toList());
    v.put("defrostMaxS", t.defrosts() ? t.defrostMaxMs() / 1000 : null);
    v.put(
        "defrostCeilingC",
        t.defrosts() && Double.isFinite(t.defrostCeilingC()) ? t.defrostCeilingC() : null);
    v.put("exposureMaxS", t.exposureMaxMs() > 0 ? t.exposureMaxMs() / 1000 : null);
    v.put("exposureWindowS", t.exposureMaxMs() > 0 ? t.exposureWindowMs() / 1000 : null);
    return v;
  }

  /**
   * The body's {@code profile}: a {@link SensorProfile} by its name ({@code COLD_ROOM}) or key
   * ({@code cold-room}); null or absent means none (the job's defaults).
   */
  static SensorProfile parse(JsonNode body) {
    JsonNode node = body.path("profile");
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    ApiException refused =
        ApiException.badField("profile", node, "must be one of " + ALLOWED + " or null");
    if (!node.isTextual() || node.asText().isBlank()) {
      throw refused;
    }
    try {
      return SensorProfile.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw refused;
    }
  }
}
