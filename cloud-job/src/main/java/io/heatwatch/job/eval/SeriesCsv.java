package io.heatwatch.job.eval;

import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Versions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A series as CSV: {@code timestamp,value[,sensor[,quality]]}, one reading a line, an optional
 * header line starting with {@code timestamp}. The timestamp is an ISO-8601 instant or epoch
 * milliseconds; a missing sensor is {@value #DEFAULT_SENSOR}. A reading without a value is not OK:
 * its quality column names why (a {@link Quality}), {@code DISCONNECTED} when there is none.
 */
final class SeriesCsv {
  /** The sensor of rows without a sensor column. */
  static final String DEFAULT_SENSOR = "sensor-1";

  /** The header {@link #writer} writes. */
  static final String HEADER = "timestamp,value,sensor,quality";

  private SeriesCsv() {}

  /** The readings of {@code file} per sensor, in file order, as the job would receive them. */
  static Map<String, List<Reading>> read(Path file) throws IOException {
    Map<String, List<Reading>> series = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("timestamp")) {
          continue;
        }
        try {
          Reading reading = parse(line.split(",", -1), series);
          series.get(reading.sensorId()).add(reading);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
        }
      }
    }
    return series;
  }

  /** One CSV line for {@code reading}. */
  static String line(Reading reading) {
    boolean ok = reading.quality().usable();
    return reading.ts()
        + ","
        + (ok ? reading.tempC() : "")
        + ","
        + reading.sensorId()
        + ","
        + (ok ? "" : reading.quality().name());
  }

  /** Writes the header and {@code readings} to {@code out}. */
  static void write(Writer out, List<Reading> readings) throws IOException {
    out.write(HEADER);
    out.write('\n');
    for (Reading reading : readings) {
      out.write(line(reading));
      out.write('\n');
    }
  }

  private static Reading parse(String[] fields, Map<String, List<Reading>> series) {
    if (fields.length < 2) {
      throw new IllegalArgumentException("expected timestamp,value[,sensor[,quality]]");
    }
    String ts = fields[0].strip();
    Instant time =
        ts.chars().allMatch(Character::isDigit)
            ? Instant.ofEpochMilli(Long.parseLong(ts))
            : Instant.parse(ts);
    String sensor = fields.length > 2 && !fields[2].isBlank() ? fields[2].strip() : DEFAULT_SENSOR;
    String value = fields[1].strip();
    String qualityText = fields.length > 3 ? fields[3].strip() : "";
    Quality quality =
        !qualityText.isEmpty()
            ? Quality.valueOf(qualityText)
            : value.isEmpty() ? Quality.DISCONNECTED : Quality.OK;
    Double tempC = value.isEmpty() ? null : Double.valueOf(value);
    List<Reading> readings = series.computeIfAbsent(sensor, s -> new ArrayList<>());
    return new Reading(
        Versions.V1, "eval", "eval", sensor, readings.size(), time, tempC, quality, null);
  }
}
