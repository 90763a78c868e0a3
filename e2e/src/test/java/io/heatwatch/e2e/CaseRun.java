package io.heatwatch.e2e;

import static org.awaitility.Awaitility.await;

import io.heatwatch.e2e.Ledger.AlarmDoc;
import io.heatwatch.e2e.Ledger.ReadingDoc;
import io.heatwatch.e2e.Traffic.Spike;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * One fault case on the running chain: its own site and devices, its downlink observer, a probe
 * that times the recovery, and the books at the end.
 */
final class CaseRun implements AutoCloseable {
  private static final Duration CATCH_UP = Duration.ofMinutes(5);

  final String site;
  private final Chain chain;
  private final Path dir;
  private final Ledger ledger;
  private final DownlinkObserver downlink;
  private final List<Traffic> fleets = new ArrayList<>();
  private final Map<String, Numbered> otherDevices = new LinkedHashMap<>();
  private final List<long[]> probe = new ArrayList<>();
  private Thread prober;
  private volatile boolean probing;
  private Instant healedAt;
  private long healedNanos;

  CaseRun(Chain chain, Path dir, String site) throws MqttException {
    this.chain = chain;
    this.dir = dir;
    this.site = site;
    this.ledger = new Ledger(chain.elasticsearchUrl());
    this.downlink = new DownlinkObserver(chain.mqttUri(), site);
  }

  /** Starts simulated devices {@code prefix-01..} on {@code mqttUri}, one reading per second. */
  Traffic fleet(String prefix, int devices, String mqttUri, Clock clock) {
    Traffic traffic =
        Traffic.start(
            site, prefix, devices, mqttUri, dir.resolve(prefix), clock, Duration.ofSeconds(1));
    fleets.add(traffic);
    return traffic;
  }

  /** Counts a device outside the fleets (the agent process) with the seqs it numbered. */
  void device(String deviceId, Numbered numbered) {
    otherDevices.put(deviceId, numbered);
  }

  /** The fault is over: from now on, time how long until everything made before is searchable. */
  void healed() {
    healedAt = Instant.now();
    healedNanos = System.nanoTime();
    probing = true;
    prober = new Thread(this::probe, "recovery-probe-" + site);
    prober.setDaemon(true);
    prober.start();
  }

  private void probe() {
    while (probing) {
      try {
        long n = ledger.searchableUpTo(site, healedAt);
        synchronized (probe) {
          probe.add(new long[] {System.nanoTime() - healedNanos, n});
        }
      } catch (RuntimeException e) {
        // Elasticsearch may still be starting; the next poll counts.
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Stops the fleets once every reading left their outboxes, waits until Elasticsearch has as many
   * documents as readings were numbered, then keeps the books until the alarms match too (or the
   * deadline passes: the caller's assertions then say what is wrong).
   */
  Account finish(String fault, Predicate<AlarmDoc> alarmsToCheck, Predicate<Spike> spikesToCheck)
      throws InterruptedException {
    for (Traffic fleet : fleets) {
      fleet.finish(CATCH_UP);
    }
    List<Spike> spikes = spikes().stream().filter(spikesToCheck).toList();
    Map<String, Numbered> produced = new LinkedHashMap<>(otherDevices);
    fleets.forEach(f -> produced.putAll(f.produced()));
    long total = produced.values().stream().mapToLong(Numbered::count).sum();
    await()
        .atMost(CATCH_UP)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> ledger.searchable(site) >= total);
    Account[] account = new Account[1];
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .until(
              () -> {
                account[0] = books(fault, produced, alarmsToCheck, spikes);
                return account[0].expectedAlarms().equals(account[0].sensorAlarms())
                    && account[0].downlinkMissing().isEmpty()
                    && account[0].missing().isEmpty();
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      account[0] = books(fault, produced, alarmsToCheck, spikes);
    }
    probing = false;
    prober.join();
    return account[0];
  }

  private Account books(
      String fault,
      Map<String, Numbered> produced,
      Predicate<AlarmDoc> alarmsToCheck,
      List<Spike> spikes) {
    List<ReadingDoc> readings = ledger.readings(site);
    List<AlarmDoc> alarms = ledger.alarms(site).stream().filter(alarmsToCheck).toList();
    long before = readings.stream().filter(r -> !r.ts().isAfter(healedAt)).count();
    return Account.of(
        fault, produced, spikes, readings, alarms, downlink.received(), recovery(before));
  }

  /** The first probe at which everything stamped up to the heal was searchable. */
  private Duration recovery(long madeBefore) {
    synchronized (probe) {
      for (long[] sample : probe) {
        if (sample[1] >= madeBefore) {
          return Duration.ofNanos(sample[0]);
        }
      }
    }
    return null;
  }

  List<Traffic> fleets() {
    return fleets;
  }

  List<ReadingDoc> readings() {
    return ledger.readings(site);
  }

  private List<Spike> spikes() {
    List<Spike> spikes = new ArrayList<>();
    fleets.forEach(f -> spikes.addAll(f.spikes()));
    return spikes;
  }

  @Override
  public void close() throws MqttException {
    probing = false;
    fleets.forEach(Traffic::close);
    downlink.close();
  }
}
