package io.heatwatch.job.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a series file's sensors are: {@code SERIES.meta.json} next to {@code SERIES.csv}, {@code
 * {"intervalS": 60, "sensors": {"door-1": {"profile": "fridge"}, "machine": {"profile": "custom",
 * "highC": 50}}}}. Each sensor's entry is the part of its {@link SensorConfig} that sets
 * thresholds: {@code profile}, and optionally {@code highC}, {@code lowC}; a sensor not listed, or
 * a series without the file, runs with the job's defaults ({@link SensorProfile#CUSTOM}).
 */
final class CaseMeta {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CaseMeta() {}

  /** The meta file of {@code series}: its name with {@code .csv} replaced by {@code .meta.json}. */
  static Path of(Path series) {
    String name = series.getFileName().toString();
    String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    return series.resolveSibling(stem + ".meta.json");
  }

  /** Each listed sensor's config (profile and threshold overrides); empty without the file. */
  static Map<String, SensorConfig> read(Path file) throws IOException {
    Map<String, SensorConfig> configs = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return configs;
    }
    JsonNode sensors = JSON.readTree(file.toFile()).path("sensors");
    for (Iterator<Map.Entry<String, JsonNode>> it = sensors.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode s = e.getValue();
      if (!s.has("profile")) {
        throw new IllegalArgumentException(file + ": sensor " + e.getKey() + " has no profile");
      }
      configs.put(
          e.getKey(),
          config(
              SensorProfile.parse(s.get("profile").asText()),
              s.has("highC") ? s.get("highC").asDouble() : null,
              s.has("lowC") ? s.get("lowC").asDouble() : null));
    }
    return configs;
  }

  /** Writes {@code profiles} (no overrides) and the cadence to {@code file}. */
  static void write(Path file, int intervalS, Map<String, SensorProfile> profiles)
      throws IOException {
    ObjectNode root = JSON.createObjectNode().put("intervalS", intervalS);
    ObjectNode sensors = root.putObject("sensors");
    profiles.forEach((sensor, p) -> sensors.putObject(sensor).put("profile", p.key()));
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  /** A sensor config that sets only what thresholds need; the ids are placeholders. */
  static SensorConfig config(SensorProfile profile, Double highC, Double lowC) {
    return SensorConfig.builder()
        .v(1)
        .sensorId("eval")
        .site("eval")
        .deviceId("eval")
        .profile(profile)
        .highC(highC)
        .lowC(lowC)
        .updatedAt(Instant.EPOCH)
        .build();
  }
}
