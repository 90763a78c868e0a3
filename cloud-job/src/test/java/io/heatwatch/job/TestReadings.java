package io.heatwatch.job;

import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.Versions;
import java.time.Instant;

/** Readings for tests, all of site {@code home}. */
public final class TestReadings {
  /** A fixed event time the unit tests count from. */
  public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private TestReadings() {}

  /** An OK reading {@code seconds} after {@link #T0}. */
  public static Reading ok(String deviceId, String sensorId, long seq, long seconds, double tempC) {
    return Reading.ok("home", deviceId, sensorId, seq, T0.plusSeconds(seconds), tempC);
  }

  /** A reading without a value, {@code seconds} after {@link #T0}. */
  public static Reading faulty(
      String deviceId, String sensorId, long seq, long seconds, Quality quality) {
    return new Reading(
        Versions.V1, "home", deviceId, sensorId, seq, T0.plusSeconds(seconds), null, quality, null);
  }
}
