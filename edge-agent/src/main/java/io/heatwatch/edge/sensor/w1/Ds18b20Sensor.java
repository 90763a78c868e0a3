package io.heatwatch.edge.sensor.w1;

import io.heatwatch.edge.clock.Sleeper;
import io.heatwatch.edge.log.ThrottledLog;
import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DS18B20 on the kernel's 1-Wire sysfs: reads {@code {devices}/{id}/w1_slave}, retries CRC
 * errors with doubling backoff, applies the calibration offset before the range check.
 */
final class Ds18b20Sensor implements Sensor {
  private static final Logger LOG = LoggerFactory.getLogger(Ds18b20Sensor.class);

  private final String id;
  private final Path w1Slave;
  private final double calibrationC;
  private final int crcRetries;
  private final Duration firstBackoff;
  private final Sleeper sleeper;
  // A sensor missing from the bus fails on every tick: its first fault, then a line a minute.
  private final ThrottledLog faults;

  /**
   * @param devicesDir the sysfs devices folder, {@code /sys/bus/w1/devices} on a Pi
   * @param id the sensor's ROM id, e.g. {@code 28-0316a2796aff}
   * @param calibrationC added to every OK value
   * @param crcRetries extra reads after a CRC error before reporting CRC_ERROR
   * @param firstBackoff wait before the first retry, doubled before each next one
   * @param sleeper how to wait between retries; tests pass one that records instead of sleeping
   */
  public Ds18b20Sensor(
      Path devicesDir,
      String id,
      double calibrationC,
      int crcRetries,
      Duration firstBackoff,
      Sleeper sleeper) {
    this(
        devicesDir,
        id,
        calibrationC,
        crcRetries,
        firstBackoff,
        sleeper,
        new ThrottledLog(LOG, "sensor " + id + ": not OK"));
  }

  /** As above, with the log of its faults given: tests pass one with their clock and logger. */
  Ds18b20Sensor(
      Path devicesDir,
      String id,
      double calibrationC,
      int crcRetries,
      Duration firstBackoff,
      Sleeper sleeper,
      ThrottledLog faults) {
    this.id = id;
    this.w1Slave = devicesDir.resolve(id).resolve("w1_slave");
    this.calibrationC = calibrationC;
    this.crcRetries = crcRetries;
    this.firstBackoff = firstBackoff;
    this.sleeper = sleeper;
    this.faults = faults;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Sample read(Instant now) {
    Duration backoff = firstBackoff;
    W1SlaveParser.Parsed parsed = readOnce();
    for (int retry = 1; parsed.crcFailed() && retry <= crcRetries; retry++) {
      try {
        sleeper.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      backoff = backoff.multipliedBy(2);
      parsed = readOnce();
    }
    if (parsed.quality() != Quality.OK) {
      faults.add(1, parsed.quality() + " (" + parsed.detail() + ")");
      return new Sample(id, parsed.tempC(), parsed.quality());
    }
    // Calibrate, then check the range: a sample within the offset of -55 or 125 °C must not become
    // an OK reading the contract refuses. Rounded to the driver's 0.001 °C so no float noise shows.
    double calibrated = Math.round((parsed.tempC() + calibrationC) * 1000) / 1000.0;
    if (calibrated < Reading.MIN_C || calibrated > Reading.MAX_C) {
      faults.add(
          1,
          "OUT_OF_RANGE ("
              + parsed.tempC()
              + " °C calibrated by "
              + calibrationC
              + " is outside −55..125)");
      return new Sample(id, calibrated, Quality.OUT_OF_RANGE);
    }
    return new Sample(id, calibrated, Quality.OK);
  }

  private W1SlaveParser.Parsed readOnce() {
    try {
      return W1SlaveParser.parse(Files.readString(w1Slave, StandardCharsets.US_ASCII));
    } catch (NoSuchFileException e) {
      return new W1SlaveParser.Parsed(Quality.DISCONNECTED, null, false, w1Slave + " is gone");
    } catch (IOException e) {
      // The w1 driver answers EIO when the bus does not respond in time.
      return new W1SlaveParser.Parsed(Quality.CRC_ERROR, null, true, "read failed: " + e);
    }
  }
}
