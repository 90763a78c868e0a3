package io.heatwatch.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the hostile run sent, and what each message must become. */
final class Books {
  static final int VALID_DEVICES = 4;
  static final String VALID_SITE = "proof";

  /** A valid reading as sent: its id and value. */
  record Sent(String deviceId, long seq, double tempC) {
    String id() {
      return deviceId + ":" + seq;
    }
  }

  final List<Sent> valid = new ArrayList<>();
  final Map<String, Long> lastSeq = new TreeMap<>();

  /** Replayed ids with the value first sent (what Elasticsearch must keep). */
  final Map<String, Double> replayed = new LinkedHashMap<>();

  /** Every hostile message by number: its class. */
  final Map<Integer, String> kinds = new LinkedHashMap<>();

  /** Outcomes already known when sent (refused by the broker), by number. */
  final Map<Integer, String> outcomes = new HashMap<>();

  /** Reasons of refusals and dead letters, one example per class. */
  final Map<String, String> exampleReasons = new TreeMap<>();

  /** Hostile messages the contract accepts after all: the reading ids they must be indexed as. */
  final Map<Integer, List<String>> acceptable = new HashMap<>();

  /** Legacy garbage by "partition:offset" in the legacy topic: its number. */
  final Map<String, Integer> legacyAt = new HashMap<>();

  long validSent() {
    return valid.size();
  }

  int hostileSent() {
    return kinds.size();
  }

  static String device(int index) {
    return "ok-" + (index + 1);
  }

  static String hostileDevice(int n) {
    return "h-" + n;
  }

  /** The number of a hostile device id, or -1. */
  static int hostileNumber(String deviceId) {
    if (deviceId == null || !deviceId.startsWith("h-")) {
      return -1;
    }
    try {
      return Integer.parseInt(deviceId.substring(2));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Prints (and writes to the run's folder) the outcomes by input class. */
  void report(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("valid readings sent: " + valid.size() + ", replays: " + replayed.size());
    lines.add("hostile messages: " + kinds.size());
    lines.addAll(HostileInputIT.lines(HostileInputIT.byClass(kinds, outcomes)));
    exampleReasons.forEach((kind, reason) -> lines.add("  e.g. " + kind + ": " + reason));
    Files.write(dir.resolve("hostile-report.txt"), lines);
    lines.forEach(System.out::println);
  }
}
