package io.heatwatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The kernel's 1-Wire sysfs folder as a real agent reads it, for DS18B20s that are only files: a
 * sensor is a {@code 28-…} folder with a {@code w1_slave} file; pulling its cable removes the
 * folder; a read that hangs in the kernel is a {@code w1_slave} that is a named pipe with no
 * writer.
 */
final class FakeW1Bus {
  private final Path devices;

  FakeW1Bus(Path devices) {
    this.devices = devices;
    try {
      Files.createDirectories(devices);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path devices() {
    return devices;
  }

  /** A sensor on the bus reading {@code tempC}, with a good CRC. */
  void plug(String romId, double tempC) {
    try {
      Path folder = Files.createDirectories(devices.resolve(romId));
      Path slave = folder.resolve("w1_slave");
      Path next = folder.resolve("w1_slave.next");
      String scratchpad = "72 01 4b 46 7f ff 0e 10 57";
      Files.writeString(
          next,
          String.format(
              Locale.ROOT,
              "%s : crc=57 YES%n%s t=%d%n",
              scratchpad,
              scratchpad,
              Math.round(tempC * 1000)));
      Files.move(next, slave, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sensor's folder leaves the bus, as when its cable is cut. */
  void unplug(String romId) {
    try (Stream<Path> files = Files.walk(devices.resolve(romId))) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sensor whose every read hangs: its {@code w1_slave} is a FIFO nobody writes. */
  void hang(String romId) throws IOException, InterruptedException {
    Path folder = Files.createDirectories(devices.resolve(romId));
    Process mkfifo = new ProcessBuilder("mkfifo", folder.resolve("w1_slave").toString()).start();
    if (mkfifo.waitFor() != 0) {
      throw new IOException("mkfifo failed for " + folder);
    }
  }
}
