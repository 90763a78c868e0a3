package io.heatwatch.model;

import io.heatwatch.model.Alarm.AlarmKind;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;

/**
 * What a sensor watches, chosen per sensor in its {@link SensorConfig}: each profile carries the
 * defaults a user of such a place would want for thresholds, alarm delay, hysteresis, defrost and
 * which detectors run. The reasoning for each default is in docs/detection.md ("Profiles"). Fields
 * a sensor's config sets override its profile's.
 */
public enum SensorProfile {
  /** A freezer (-18 °C food or -20 °C pharmacy): defrosts several times a day. */
  FREEZER,
  /** A refrigerator, e.g. a vaccine fridge (2–8 °C): door openings, cycle defrost. */
  FRIDGE,
  /** A walk-in cold room or cold store (0–8 °C): long door openings when loading, defrost. */
  COLD_ROOM,
  /** A room, office or home: people, sun and showers move it; no defrost. */
  ROOM,
  /** A server room (ASHRAE class A1 envelope): fast rises matter, no defrost. */
  SERVER_ROOM,
  /** A greenhouse: sun and venting swing it widely; frost matters most. */
  GREENHOUSE,
  /** The job's own defaults ({@code alarm.*} settings), whatever they are. */
  CUSTOM;

  private static final long MIN = Duration.ofMinutes(1).toMillis();
  private static final long HOUR = Duration.ofHours(1).toMillis();

  /**
   * The profile's thresholds; {@code custom} is what {@link #CUSTOM} means (the job's defaults).
   */
  public Thresholds thresholds(Thresholds custom) {
    Thresholds.Builder b = custom.toBuilder();
    switch (this) {
      case FREEZER ->
          b.highC(-15)
              .lowC(-35)
              .hysteresisC(1)
              .minDurationMs(15 * MIN)
              .exposureMaxMs(6 * HOUR)
              .defrostMaxMs(45 * MIN)
              .defrostCeilingC(-3)
              .defrostEveryMs(0)
              .detectors(cold());
      case FRIDGE ->
          b.highC(8)
              .lowC(2)
              .hysteresisC(0.5)
              .minDurationMs(10 * MIN)
              .exposureMaxMs(10 * HOUR)
              .defrostMaxMs(30 * MIN)
              .defrostCeilingC(12)
              .defrostEveryMs(0)
              .detectors(cold());
      case COLD_ROOM ->
          b.highC(8)
              .lowC(0)
              .hysteresisC(0.5)
              .minDurationMs(20 * MIN)
              .exposureMaxMs(10 * HOUR)
              .defrostMaxMs(45 * MIN)
              .defrostCeilingC(15)
              .defrostEveryMs(0)
              .detectors(cold());
      case ROOM ->
          b.highC(30)
              .lowC(10)
              .hysteresisC(1)
              .minDurationMs(15 * MIN)
              // rooms hold one value for 10-13 h at night (the real house logs, docs/detection.md)
              .flatlineMs(24 * HOUR)
              .exposureMaxMs(0)
              .defrostMaxMs(0)
              .detectors(lived());
      case SERVER_ROOM ->
          b.highC(27)
              .lowC(15)
              .hysteresisC(1)
              .minDurationMs(5 * MIN)
              .maxRateCPerMin(20.0 / 60)
              .exposureMaxMs(0)
              .defrostMaxMs(0)
              .detectors(
                  EnumSet.of(
                      AlarmKind.HIGH,
                      AlarmKind.LOW,
                      AlarmKind.TREND,
                      AlarmKind.RATE_OF_CHANGE,
                      AlarmKind.FLATLINE,
                      AlarmKind.SENSOR_FAULT));
      case GREENHOUSE ->
          b.highC(40)
              .lowC(2)
              .hysteresisC(1)
              .minDurationMs(10 * MIN)
              .flatlineMs(12 * HOUR)
              .exposureMaxMs(0)
              .defrostMaxMs(0)
              .detectors(lived());
      case CUSTOM -> {
        return custom;
      }
    }
    return b.build();
  }

  /** The profile's name as written in configs and settings: {@code cold-room}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The profile named {@code text}, as {@link #key()} writes it or as the enum name. */
  public static SensorProfile parse(String text) {
    String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (SensorProfile profile : values()) {
      if (profile.name().equals(name)) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "profile must be one of freezer, fridge, cold-room, room, server-room, greenhouse, custom;"
            + " got '"
            + text
            + "'");
  }

  /** What rooms and greenhouses run: their level moves with people, sun and venting. */
  private static EnumSet<AlarmKind> lived() {
    return EnumSet.of(
        AlarmKind.HIGH, AlarmKind.LOW, AlarmKind.TREND, AlarmKind.FLATLINE, AlarmKind.SENSOR_FAULT);
  }

  /** What cold storage runs: no SPIKE or RATE_OF_CHANGE, which doors and defrost set off. */
  private static EnumSet<AlarmKind> cold() {
    return EnumSet.of(
        AlarmKind.HIGH,
        AlarmKind.LOW,
        AlarmKind.TREND,
        AlarmKind.EXPOSURE,
        AlarmKind.FLATLINE,
        AlarmKind.SENSOR_FAULT);
  }
}
