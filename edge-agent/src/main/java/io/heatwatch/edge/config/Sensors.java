package io.heatwatch.edge.config;

import io.heatwatch.model.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's {@code sensors} section: the 1-Wire bus.
 *
 * @param w1Devices the sysfs devices folder
 * @param crcRetries reads after a CRC error before reporting it
 * @param cpuTemperature the SoC thermal zone file for heartbeats
 * @param list per-sensor names and calibration, by ROM id; sensors not listed are read too, and a
 *     listed sensor missing from the bus is reported DISCONNECTED on every tick
 * @param readTimeout longest a tick waits for one sensor's read (CRC retries included) before
 *     reporting it DISCONNECTED; a read hung in the kernel is not started again until it ends
 */
public record Sensors(
    Path w1Devices,
    Integer crcRetries,
    Path cpuTemperature,
    List<SensorEntry> list,
    Duration readTimeout) {
  /**
   * Four 12-bit conversions of 750 ms (a read and three CRC retries) and their 0.7 s of back-off
   * take 3.7 s; a read still running after 5 s is stuck.
   */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

  public Sensors {
    w1Devices = w1Devices == null ? Path.of("/sys/bus/w1/devices") : w1Devices;
    crcRetries = crcRetries == null ? 3 : crcRetries;
    cpuTemperature =
        cpuTemperature == null ? Path.of("/sys/class/thermal/thermal_zone0/temp") : cpuTemperature;
    list = list == null ? List.of() : List.copyOf(list);
    readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
  }

  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (crcRetries < 0 || crcRetries > 10) {
      problems.add("sensors.crc-retries: must be within 0..10 (got " + crcRetries + ")");
    }
    if (readTimeout.compareTo(Duration.ofMillis(100)) < 0
        || readTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
      problems.add(
          "sensors.read-timeout: must be within 100 ms..1 min (got "
              + Durations.format(readTimeout)
              + ")");
    }
    for (int i = 0; i < list.size(); i++) {
      SensorEntry s = list.get(i);
      if (s.id() == null || !s.id().matches("28-[0-9a-f]{12}")) {
        problems.add(
            "sensors.list["
                + i
                + "].id: expected a DS18B20 id like 28-0316a2796aff (got "
                + s.id()
                + ")");
      }
      if (s.resolutionBits() != null && (s.resolutionBits() < 9 || s.resolutionBits() > 12)) {
        problems.add(
            "sensors.list["
                + i
                + "].resolution-bits: must be within 9..12 (got "
                + s.resolutionBits()
                + ")");
      }
      if (s.calibrationC() != null && Math.abs(s.calibrationC()) > 5) {
        problems.add(
            "sensors.list["
                + i
                + "].calibration-c: must be within ±5 °C (got "
                + s.calibrationC()
                + ")");
      }
    }
    return problems;
  }

  /**
   * One sensor's settings.
   *
   * @param id ROM id
   * @param name human name
   * @param calibrationC added to every value
   * @param resolutionBits 9–12; fewer bits convert faster (94 ms at 9, 750 ms at 12)
   */
  public record SensorEntry(String id, String name, Double calibrationC, Integer resolutionBits) {}
}
