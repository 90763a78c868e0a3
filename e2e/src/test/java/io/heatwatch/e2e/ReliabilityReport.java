package io.heatwatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Writes a measured section into {@code docs/reliability.md} between its begin and end markers,
 * leaving the hand-written rest of the file alone; only when {@code -Dheatwatch.e2e.report} names
 * the file (the long form and the soak set it).
 */
final class ReliabilityReport {
  private ReliabilityReport() {}

  /** The fault table of a run of the suite. */
  static void write(Form form, List<Account> accounts) {
    if (accounts.isEmpty()) {
      return;
    }
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "Measured %s, %s form (`%s`), all servers in one JVM on this 2-core machine.%n%n",
            LocalDate.now(ZoneOffset.UTC),
            form.name(),
            form.name().equals("long")
                ? "./mvnw -pl e2e verify -Pe2e-long"
                : "./mvnw -pl e2e verify"));
    table.append(
        "| # | fault | readings produced | indexed | duplicates | missing | alarms expected |"
            + " raised (matching) | downlink final versions | DEVICE_OFFLINE raised / cleared |"
            + " recovery |\n");
    table.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    int n = 0;
    for (Account a : accounts) {
      n++;
      int alarmDocs = a.sensorAlarms().size() + a.offlineRaised();
      table.append(
          String.format(
              "| %d | %s | %d | %d | %d | %d | %d | %d (%d) | %d / %d | %d / %d | %s |%n",
              n,
              a.fault(),
              a.produced(),
              a.indexed(),
              a.duplicates(),
              a.missing().size(),
              a.expectedAlarms().size(),
              a.sensorAlarms().size(),
              a.alarmsMatched(),
              alarmDocs - a.downlinkMissing().size(),
              alarmDocs,
              a.offlineRaised(),
              a.offlineClearedCount(),
              Account.seconds(a.recovery())));
    }
    replaceSection(System.getProperty("heatwatch.e2e.report", ""), "faults", table.toString());
  }

  /**
   * Replaces the text between {@code <!-- name:begin -->} and {@code <!-- name:end -->} in the file
   * {@code target}; does nothing when {@code target} is blank.
   */
  static void replaceSection(String target, String name, String body) {
    if (target.isBlank()) {
      return;
    }
    Path file = Path.of(target);
    String begin = "<!-- " + name + ":begin -->";
    String end = "<!-- " + name + ":end -->";
    try {
      String doc =
          Files.exists(file)
              ? Files.readString(file, StandardCharsets.UTF_8)
              : "# Reliability\n\n" + begin + "\n" + end + "\n";
      int from = doc.indexOf(begin);
      int to = doc.indexOf(end);
      if (from < 0 || to < from) {
        doc = doc + "\n" + begin + "\n" + end + "\n";
        from = doc.indexOf(begin);
        to = doc.indexOf(end);
      }
      String updated = doc.substring(0, from + begin.length()) + "\n" + body + doc.substring(to);
      Files.writeString(file, updated, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
