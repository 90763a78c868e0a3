package io.heatwatch.edge.sensor.w1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's 1-Wire bus as sysfs shows it; the root is a parameter so tests use a temp folder.
 */
public final class W1Bus {
  private static final Logger LOG = LoggerFactory.getLogger(W1Bus.class);

  /** DS18B20 family code 28, then the 48-bit serial in hex. */
  private static final Pattern DS18B20_ID = Pattern.compile("28-[0-9a-f]{12}");

  private final Path devicesDir;

  /**
   * @param devicesDir {@code /sys/bus/w1/devices} on a Raspberry Pi
   */
  public W1Bus(Path devicesDir) {
    this.devicesDir = devicesDir;
  }

  /** The folder the sensors live in. */
  public Path devicesDir() {
    return devicesDir;
  }

  /** The ids of the DS18B20 sensors present now, sorted; empty when the bus is not there. */
  public List<String> discover() {
    if (!Files.isDirectory(devicesDir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(devicesDir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> DS18B20_ID.matcher(name).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list 1-Wire devices in " + devicesDir, e);
    }
  }

  /**
   * Asks every bus master that offers {@code therm_bulk_read} to start one conversion on all its
   * sensors at once, so N sensors cost one conversion time (750 ms at 12 bits) instead of N.
   *
   * @return how many masters were triggered
   */
  public int triggerBulkConversion() {
    if (!Files.isDirectory(devicesDir)) {
      return 0;
    }
    int triggered = 0;
    try (Stream<Path> entries = Files.list(devicesDir)) {
      for (Path master :
          entries.filter(p -> p.getFileName().toString().startsWith("w1_bus_master")).toList()) {
        Path bulk = master.resolve("therm_bulk_read");
        if (Files.isWritable(bulk)) {
          Files.writeString(bulk, "trigger\n");
          triggered++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot trigger bulk conversion in " + devicesDir, e);
    }
    return triggered;
  }

  /**
   * Sets a sensor's resolution through the w1_therm {@code resolution} file (kernel 5.10+); older
   * kernels lack it, and the sensor keeps its stored resolution (12 bits from the factory).
   *
   * @return whether the kernel took it
   */
  public boolean setResolution(String sensorId, int bits) {
    Path file = devicesDir.resolve(sensorId).resolve("resolution");
    if (!Files.isWritable(file)) {
      LOG.warn("sensor {}: cannot set {} bit resolution, {} is not there", sensorId, bits, file);
      return false;
    }
    try {
      Files.writeString(file, bits + "\n");
      return true;
    } catch (IOException e) {
      LOG.warn("sensor {}: setting {} bit resolution failed: {}", sensorId, bits, e.toString());
      return false;
    }
  }
}
