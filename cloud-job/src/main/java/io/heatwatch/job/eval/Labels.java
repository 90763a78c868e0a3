package io.heatwatch.job.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes label files: a JSON array of {@code {"sensor","kind","start","end"}}, or the
 * edge simulator's JSON Lines of {@code {"sensorId","kind","start","end","magnitude"}}. Times are
 * ISO-8601 instants or epoch milliseconds.
 */
final class Labels {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Labels() {}

  /** The labels in {@code file}, in either format. */
  static List<LabelWindow> read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    List<LabelWindow> labels = new ArrayList<>();
    if (text.startsWith("[")) {
      for (JsonNode node : JSON.readTree(text)) {
        labels.add(label(node, file));
      }
      return labels;
    }
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        labels.add(label(JSON.readTree(line), file));
      }
    }
    return labels;
  }

  /** Writes {@code labels} to {@code file} as a JSON array. */
  static void write(Path file, List<LabelWindow> labels) throws IOException {
    ArrayNode array = JSON.createArrayNode();
    for (LabelWindow label : labels) {
      array
          .addObject()
          .put("sensor", label.sensor())
          .put("kind", label.kind().name())
          .put("start", label.start().toString())
          .put("end", label.end().toString());
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), array);
  }

  private static LabelWindow label(JsonNode node, Path file) {
    JsonNode sensor = node.has("sensor") ? node.get("sensor") : node.get("sensorId");
    if (sensor == null || !node.has("kind") || !node.has("start") || !node.has("end")) {
      throw new IllegalArgumentException(
          file + ": label without sensor, kind, start or end: " + node);
    }
    return new LabelWindow(
        sensor.asText(),
        LabelWindow.kindOf(node.get("kind").asText()),
        instant(node.get("start")),
        instant(node.get("end")));
  }

  private static Instant instant(JsonNode node) {
    return node.isNumber() ? Instant.ofEpochMilli(node.asLong()) : Instant.parse(node.asText());
  }
}
