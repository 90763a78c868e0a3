package io.heatwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import io.heatwatch.e2e.Ledger.AlarmDoc;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorRef;
import io.heatwatch.model.TelemetryCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobStatus;

/**
 * The fault suite's cases for heatwatch watching itself: each measures its blind time, from the
 * fault to the first alarm that says so, and keeps the books as the other cases do.
 */
final class SelfWatchCases {
  /** A sensor's own silence bound, set on the config topic as an operator would. */
  static final Duration SILENT_AFTER = Duration.ofSeconds(5);

  private static final Duration ALARM_DEADLINE = Duration.ofSeconds(120);

  /** A blind time: from a fault to the alarm that said so, and the bound the docs state. */
  record Blind(String fault, String alarm, Duration time, Duration bound) {
    String line() {
      return fault + " → " + alarm + " in " + time.toMillis() / 1000.0 + " s (bound " + bound + ")";
    }
  }

  private final Chain chain;
  private final Path dir;
  private final Form form;
  private final Ledger ledger;
  final List<Blind> blinds = new ArrayList<>();

  SelfWatchCases(Chain chain, Path dir, Form form) {
    this.chain = chain;
    this.dir = dir;
    this.form = form;
    this.ledger = new Ledger(chain.elasticsearchUrl());
  }

  /**
   * Proofs 1, 2 and 5: a real agent on a 1-Wire bus of files. A configured sensor whose read hangs
   * in the kernel is reported while the others keep being read; a sensor the agent found on the bus
   * leaves it (SENSOR_SILENT, cleared when it is back); it is replaced by a new id and its alarm is
   * retired after the retirement period.
   */
  Account sensorsLeaveTheBusOrHang() throws Exception {
    String site = "e2e-c9";
    String device = "c9-w1";
    String probe = "28-00000000c901"; // configured: "freezer probe"
    String loose = "28-00000000c902"; // found on the bus, not configured
    String hung = "28-00000000c903"; // configured, its read hangs
    String spare = "28-00000000c904"; // replaces the loose one
    try (CaseRun run = new CaseRun(chain, dir, site)) {
      FakeW1Bus bus = new FakeW1Bus(dir.resolve("c9-bus"));
      bus.plug(probe, 4.0);
      bus.plug(loose, 6.0);
      bus.hang(hung);
      chain.produce(
          KafkaTopics.SENSOR_CONFIG,
          new SensorRef(device, loose).key(),
          TelemetryCodec.encode(silentAfter(site, device, loose)));
      String sensors =
          """
          sensors:
            w1-devices: %s
            list:
              - {id: %s, name: freezer probe}
              - {id: %s, name: hung probe}
          """
              .formatted(bus.devices(), probe, hung);
      AgentProcess agent =
          new AgentProcess(dir.resolve("c9-agent"), site, device, chain.mqttUri(), "1 s", sensors);
      agent.start();
      try {
        Instant started = Instant.now();
        Instant faultSeen = awaitAlarm(site, "SENSOR_FAULT", hung, "OPEN");
        blinds.add(
            new Blind(
                "read of w1_slave hangs",
                "SENSOR_FAULT",
                Duration.between(started, faultSeen),
                Duration.ofSeconds(30)));
        long before = ledger.okReadings(site, probe);
        await()
            .atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(250))
            .untilAsserted(
                () ->
                    assertThat(ledger.okReadings(site, probe) - before)
                        .as("the other sensors keep being read while one read hangs")
                        .isGreaterThanOrEqualTo(3));

        Instant cut = Instant.now();
        bus.unplug(loose);
        Instant silentSeen = awaitAlarm(site, "SENSOR_SILENT", loose, "OPEN");
        blinds.add(
            new Blind(
                "a found sensor's folder leaves the bus",
                "SENSOR_SILENT",
                Duration.between(cut, silentSeen),
                SILENT_AFTER));
        assertThat(Duration.between(cut, silentSeen))
            .as("SENSOR_SILENT within its bound plus the job's timer and indexing")
            .isLessThan(SILENT_AFTER.plusSeconds(20));
        bus.plug(loose, 6.0);
        awaitAlarm(site, "SENSOR_SILENT", loose, "CLEARED");

        Instant pulled = Instant.now();
        bus.unplug(probe);
        Instant probeSeen = awaitAlarm(site, "SENSOR_FAULT", probe, "OPEN");
        blinds.add(
            new Blind(
                "a configured sensor's folder leaves the bus",
                "SENSOR_FAULT (DISCONNECTED every tick)",
                Duration.between(pulled, probeSeen),
                Duration.ofSeconds(10)));
        bus.plug(probe, 4.0);

        Instant replaced = Instant.now();
        bus.unplug(loose);
        bus.plug(spare, 6.1);
        awaitAlarm(site, "SENSOR_SILENT", loose, "OPEN");
        String silent =
            alarms(site, "SENSOR_SILENT", loose).stream()
                .filter(a -> a.state().equals("OPEN"))
                .findFirst()
                .orElseThrow()
                .alarmId();
        await()
            .atMost(Chain.RETIRE_AFTER.plus(ALARM_DEADLINE))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    alarms(site, "SENSOR_SILENT", loose).stream()
                        .anyMatch(
                            a ->
                                a.alarmId().equals(silent)
                                    && a.state().equals("CLEARED")
                                    && a.message().contains("retired")));
        Duration retiredAfter = Duration.between(replaced, Instant.now());
        System.out.println(
            "e2e retirement: the replaced sensor's alarms were retired "
                + retiredAfter.toSeconds()
                + " s after it left (sensor.retire-after "
                + Chain.RETIRE_AFTER.toSeconds()
                + " s)");
        assertThat(retiredAfter).isGreaterThanOrEqualTo(Chain.RETIRE_AFTER.minusSeconds(1));
        assertThat(ledger.okReadings(site, spare)).as("the new sensor is read").isPositive();
        run.healed();
        Thread.sleep(form.after().toMillis());
      } finally {
        agent.stop();
      }
      run.device(device, agent.numbered());
      return run.finish("sensors leave the bus, hang, are replaced", alarm -> false, s -> false);
    }
  }

  /**
   * Proof 3: the bridge's task fails (a Kafka outage longer than its producer's delivery timeout)
   * and the watchdog restarts it; then the bridge cannot reach the broker and PIPELINE_STALLED
   * names it until it can again. Nothing is lost.
   */
  Account bridgeFailsAndIsHealed() throws Exception {
    try (CaseRun run = new CaseRun(chain, dir, "e2e-c10")) {
      chain.reconfigureSource(
          Map.of(
              "producer.override.delivery.timeout.ms", "6000",
              "producer.override.request.timeout.ms", "3000",
              "producer.override.linger.ms", "0"));
      run.fleet("c10", form.devices(), chain.mqttUri(), Clock.systemUTC());
      Thread.sleep(form.warmup().toMillis());
      long restarts = chain.watchdog().status().connectRestarts();
      chain.stopKafkaFor(Duration.ofSeconds(15));
      await()
          .atMost(ALARM_DEADLINE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> chain.watchdog().status().connectRestarts() > restarts);
      awaitPipelineFlows();
      System.out.println(
          "e2e bridge: the task failed in a Kafka outage and was restarted "
              + (chain.watchdog().status().connectRestarts() - restarts)
              + " time(s) by the watchdog");

      Instant cut = Instant.now();
      chain.reconfigureSource(
          Map.of(MqttSourceConnectorConfig.SERVER_URIS_CONFIG, "tcp://127.0.0.1:1"));
      Instant stalled = awaitAlarm(Pipeline.SITE, "PIPELINE_STALLED", "bridge", "OPEN");
      blinds.add(
          new Blind(
              "the bridge cannot reach the broker",
              "PIPELINE_STALLED (bridge)",
              Duration.between(cut, stalled),
              Chain.STALL_AFTER));
      chain.reconfigureSource(Map.of());
      run.healed();
      awaitAlarm(Pipeline.SITE, "PIPELINE_STALLED", "bridge", "CLEARED");
      awaitPipelineFlows();
      Thread.sleep(form.after().toMillis());
      return run.finish("bridge task failed, then cut from the broker", alarm -> true, s -> true);
    }
  }

  /**
   * Proof 4: the job cannot run (its TaskManager gone) → PIPELINE_STALLED names the job; when it
   * can again it resumes from its checkpoint with its alarm state: an alarm open before is still
   * the same alarm, and no second one opens.
   */
  Account jobDownThenResumes() throws Exception {
    String site = "e2e-c11";
    String device = "c11-w1";
    String warm = "28-00000000cb01";
    try (CaseRun run = new CaseRun(chain, dir, site)) {
      FakeW1Bus bus = new FakeW1Bus(dir.resolve("c11-bus"));
      bus.plug(warm, 41.0);
      AgentProcess agent =
          new AgentProcess(
              dir.resolve("c11-agent"),
              site,
              device,
              chain.mqttUri(),
              "1 s",
              "sensors:\n  w1-devices: " + bus.devices() + "\n");
      agent.start();
      try {
        awaitAlarm(site, "HIGH", warm, "OPEN");
        String highBefore = alarms(site, "HIGH", warm).get(0).alarmId();
        long checkpoints = chain.completedCheckpoints();
        await()
            .atMost(ALARM_DEADLINE)
            .pollInterval(Duration.ofMillis(500))
            .until(() -> chain.completedCheckpoints() > checkpoints);

        Instant down = Instant.now();
        chain.removeTaskManager();
        Instant stalled = awaitAlarm(Pipeline.SITE, "PIPELINE_STALLED", "job", "OPEN");
        blinds.add(
            new Blind(
                "the job cannot run (TaskManager gone)",
                "PIPELINE_STALLED (job)",
                Duration.between(down, stalled),
                Chain.STALL_AFTER));
        chain.addTaskManager();
        run.healed();
        awaitAlarm(Pipeline.SITE, "PIPELINE_STALLED", "job", "CLEARED");
        await()
            .atMost(ALARM_DEADLINE)
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(() -> chain.jobStatus() == JobStatus.RUNNING);
        Thread.sleep(form.after().toMillis());
        assertThat(alarms(site, "HIGH", warm))
            .as("the alarm open before the job stopped is the same alarm after, still open")
            .extracting(AlarmDoc::alarmId, AlarmDoc::state)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(highBefore, "OPEN"));
      } finally {
        agent.stop();
      }
      run.device(device, agent.numbered());
      return run.finish("job without a TaskManager", alarm -> false, s -> false);
    }
  }

  private void awaitPipelineFlows() {
    await()
        .atMost(ALARM_DEADLINE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> chain.watchdog().status().status().equals("ok"));
  }

  private Instant awaitAlarm(String site, String kind, String sensorId, String state) {
    Predicate<AlarmDoc> match = a -> a.state().equals(state);
    await()
        .atMost(ALARM_DEADLINE)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(() -> alarms(site, kind, sensorId).stream().anyMatch(match));
    return Instant.now();
  }

  private List<AlarmDoc> alarms(String site, String kind, String sensorId) {
    return ledger.alarms(site).stream()
        .filter(a -> a.kind().equals(kind) && Objects.equals(a.sensorId(), sensorId))
        .toList();
  }

  private static SensorConfig silentAfter(String site, String device, String sensor) {
    return SensorConfig.builder()
        .sensorId(sensor)
        .site(site)
        .deviceId(device)
        .updatedAt(Instant.now())
        .updatedBy("e2e")
        .silentAfterS(SILENT_AFTER.toSeconds())
        .build();
  }
}
