package io.heatwatch.e2e;

import io.heatwatch.e2e.Ledger.AlarmDoc;
import io.heatwatch.e2e.Ledger.ReadingDoc;
import io.heatwatch.e2e.Traffic.Spike;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Pipeline;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The books of one fault case: ground truth (readings numbered by the devices, spikes injected)
 * against what Elasticsearch and the downlink topics hold.
 *
 * @param fault what was injected
 * @param produced readings the devices numbered
 * @param indexed distinct {@code (deviceId, seq)} in {@code heatwatch-readings-*}
 * @param duplicates documents beyond one per {@code (deviceId, seq)}
 * @param missing numbered readings without a document, as {@code deviceId:seq}
 * @param unexpected documents whose seq no device numbered
 * @param expectedAlarms the alarm ids the spikes must raise (one SPIKE and one HIGH each)
 * @param sensorAlarms the ids of the sensor alarms raised (every kind but DEVICE_OFFLINE)
 * @param downlinkMissing final alarm versions not received on the devices' downlink topics
 * @param offline DEVICE_OFFLINE alarms raised, per device
 * @param offlineCleared DEVICE_OFFLINE alarms cleared again, per device
 * @param recovery from the end of the fault until every reading made before it was searchable
 */
record Account(
    String fault,
    long produced,
    long indexed,
    long duplicates,
    Set<String> missing,
    long unexpected,
    Set<String> expectedAlarms,
    Set<String> sensorAlarms,
    Set<String> downlinkMissing,
    int downlinkReceived,
    Map<String, Integer> offline,
    Map<String, Integer> offlineCleared,
    Duration recovery) {

  static Account of(
      String fault,
      Map<String, Numbered> produced,
      List<Spike> spikes,
      List<ReadingDoc> readings,
      List<AlarmDoc> alarms,
      Set<String> downlink,
      Duration recovery) {
    Map<String, Set<Long>> seqs = new HashMap<>();
    long unexpected = 0;
    for (ReadingDoc doc : readings) {
      Numbered numbered = produced.get(doc.deviceId());
      if (numbered == null || !numbered.contains(doc.seq())) {
        unexpected++;
      }
      seqs.computeIfAbsent(doc.deviceId(), d -> new HashSet<>()).add(doc.seq());
    }
    long distinct = seqs.values().stream().mapToLong(Set::size).sum();
    Set<String> missing = new TreeSet<>();
    produced.forEach(
        (device, numbered) -> {
          Set<Long> have = seqs.getOrDefault(device, Set.of());
          for (long seq = numbered.first(); seq <= numbered.last(); seq++) {
            if (!have.contains(seq)) {
              missing.add(device + ":" + seq);
            }
          }
        });
    Set<String> expected = new TreeSet<>();
    for (Spike spike : spikes) {
      expected.add(Alarm.idFor(spike.deviceId(), spike.sensorId(), AlarmKind.SPIKE, spike.at()));
      expected.add(Alarm.idFor(spike.deviceId(), spike.sensorId(), AlarmKind.HIGH, spike.at()));
    }
    Set<String> sensorAlarms = new TreeSet<>();
    Set<String> downlinkMissing = new TreeSet<>();
    Map<String, Integer> offline = new HashMap<>();
    Map<String, Integer> cleared = new HashMap<>();
    for (AlarmDoc alarm : alarms) {
      if (Pipeline.DEVICE_ID.equals(alarm.deviceId())) {
        // heatwatch's own alarm about the site (SITE_UNREACHABLE once the case's fleet stops): no
        // device's, and no device's downlink carries it
        continue;
      }
      if (!downlink.contains(alarm.alarmId() + "@" + alarm.version())) {
        downlinkMissing.add(alarm.alarmId() + "@" + alarm.version());
      }
      if (alarm.kind().equals(AlarmKind.DEVICE_OFFLINE.name())) {
        offline.merge(alarm.deviceId(), 1, Integer::sum);
        if (alarm.state().equals("CLEARED")) {
          cleared.merge(alarm.deviceId(), 1, Integer::sum);
        }
      } else {
        sensorAlarms.add(alarm.alarmId());
      }
    }
    long total = produced.values().stream().mapToLong(Numbered::count).sum();
    return new Account(
        fault,
        total,
        distinct,
        readings.size() - distinct,
        missing,
        unexpected,
        expected,
        sensorAlarms,
        downlinkMissing,
        downlink.size(),
        offline,
        cleared,
        recovery);
  }

  /** Expected sensor alarms that were raised. */
  long alarmsMatched() {
    return expectedAlarms.stream().filter(sensorAlarms::contains).count();
  }

  int offlineRaised() {
    return offline.values().stream().mapToInt(Integer::intValue).sum();
  }

  int offlineClearedCount() {
    return offlineCleared.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The one line each case prints. */
  String line() {
    return String.format(
        "%-58s readings produced %6d / indexed %6d / duplicates %d / missing %d | alarms expected"
            + " %3d / raised %3d (matching %d) | downlink %d of %d final versions | DEVICE_OFFLINE"
            + " raised %d / cleared %d | recovery %s",
        fault,
        produced,
        indexed,
        duplicates,
        missing.size(),
        expectedAlarms.size(),
        sensorAlarms.size(),
        alarmsMatched(),
        sensorAlarms.size() + offlineRaised() - downlinkMissing.size(),
        sensorAlarms.size() + offlineRaised(),
        offlineRaised(),
        offlineClearedCount(),
        seconds(recovery));
  }

  static String seconds(Duration d) {
    return d == null ? "-" : String.format("%.1f s", d.toMillis() / 1000.0);
  }
}
