package io.heatwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.e2e.Ledger.ReadingDoc;
import io.heatwatch.testkit.FaultProxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain under one fault at a time while devices keep reading: afterwards every reading is
 * in Elasticsearch once, seqs run without a gap, every injected spike is one SPIKE and one HIGH
 * alarm on the right sensor, every alarm reached the device's downlink topic, and outages raised
 * and cleared DEVICE_OFFLINE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {
  private static final Form FORM = Form.selected();

  @TempDir static Path dir;
  private Chain chain;
  private SelfWatchCases watch;
  private final List<Account> accounts = new ArrayList<>();
  private final SplittableRandom random = new SplittableRandom(10);

  @BeforeAll
  void startChain() throws Exception {
    chain = Chain.start(dir.resolve("chain"));
    watch = new SelfWatchCases(chain, dir, FORM);
  }

  @AfterAll
  void stopChain() throws Exception {
    if (chain != null) {
      chain.close();
    }
    ReliabilityReport.write(FORM, accounts);
    if (watch != null) {
      watch.blinds.forEach(blind -> System.out.println("e2e blind time: " + blind.line()));
    }
  }

  @Test
  @Order(1)
  void agentKilledAgainAndAgain() throws Exception {
    try (CaseRun run = new CaseRun(chain, dir, "e2e-c1")) {
      run.fleet("c1", FORM.devices(), chain.mqttUri(), Clock.systemUTC());
      AgentProcess agent =
          new AgentProcess(
              dir.resolve("c1-agent"), run.site, "c1-agent", chain.mqttUri(), "250 ms");
      AgentProcess drain =
          new AgentProcess(dir.resolve("c1-agent"), run.site, "c1-agent", chain.mqttUri(), "1 h");
      try {
        for (int kill = 0; kill < FORM.kills(); kill++) {
          long goal = agent.lastSeq() + 1 + random.nextInt(60);
          agent.start();
          // The outbox is read from outside while the agent writes: busy moments are retried.
          await()
              .atMost(Duration.ofSeconds(60))
              .ignoreExceptions()
              .until(() -> agent.lastSeq() >= goal);
          // Anywhere within the next read period: mid-append, mid-publish or idle.
          Thread.sleep(random.nextInt(250));
          agent.kill();
        }
        // The last start reads once more and then only drains its outbox.
        drain.start();
        run.healed();
        Thread.sleep(FORM.after().toMillis());
        await()
            .atMost(Duration.ofSeconds(120))
            .ignoreExceptions()
            .until(() -> drain.waiting() == 0 && drain.lastSeq() > 0);
        drain.stop();
      } finally {
        agent.killIfAlive();
        drain.killIfAlive();
      }
      run.device("c1-agent", drain.numbered());
      Account account =
          run.finish(
              "agent process SIGKILLed " + FORM.kills() + "x, restarted",
              alarm -> true,
              spike -> true);
      record(account);
      assertThat(account.offlineCleared().getOrDefault("c1-agent", 0))
          .as("DEVICE_OFFLINE raised by the Last Will of a kill, cleared by the restart")
          .isPositive();
    }
  }

  @Test
  @Order(2)
  void brokerDownForALongOutage() throws Exception {
    try (CaseRun run = new CaseRun(chain, dir, "e2e-c2")) {
      Traffic fleet = run.fleet("c2", FORM.devices(), chain.mqttUri(), Clock.systemUTC());
      Thread.sleep(FORM.warmup().toMillis());
      chain.stopBroker();
      Thread.sleep(FORM.brokerOutage().toMillis());
      chain.startBroker();
      run.healed();
      Thread.sleep(FORM.after().toMillis());
      Account account =
          run.finish(
              "MQTT broker down " + seconds(FORM.brokerOutage()), alarm -> true, spike -> true);
      record(account);
      assertOfflineRaisedAndCleared(account, fleet.devices());
    }
  }

  @Test
  @Order(3)
  @Tag(Form.LONG_ONLY)
  void networkCutThenSlowAndLossy() throws Exception {
    try (CaseRun run = new CaseRun(chain, dir, "e2e-c3");
        FaultProxy network = FaultProxy.start("127.0.0.1", chain.mqttPort(), 3)) {
      Traffic fleet = run.fleet("c3", FORM.devices(), network.uri(), Clock.systemUTC());
      Thread.sleep(FORM.warmup().toMillis());
      network.cut();
      Thread.sleep(FORM.cut().toMillis());
      network.heal();
      network.latency(Duration.ofMillis(200));
      network.resetChance(0.01);
      Thread.sleep(FORM.lossy().toMillis());
      network.heal();
      run.healed();
      Thread.sleep(FORM.after().toMillis());
      Account account =
          run.finish(
              String.format(
                  "network cut %s, then 200 ms + resets %s (%d resets)",
                  seconds(FORM.cut()), seconds(FORM.lossy()), network.resets()),
              alarm -> true,
              spike -> true);
      record(account);
      assertOfflineRaisedAndCleared(account, fleet.devices());
    }
  }

  @Test
  @Order(4)
  @Tag(Form.LONG_ONLY)
  void connectTaskKilledThenWorkerRestarted() throws Exception {
    try (CaseRun run = new CaseRun(chain, dir, "e2e-c4")) {
      run.fleet("c4", FORM.devices(), chain.mqttUri(), Clock.systemUTC());
      Thread.sleep(FORM.warmup().toMillis());
      chain.restartSourceTask();
      Thread.sleep(FORM.connectGap().toMillis());
      chain.restartConnectWorker();
      run.healed();
      Thread.sleep(FORM.after().toMillis());
      record(run.finish("Connect task restarted, then the worker", alarm -> true, spike -> true));
    }
  }

  @Test
  @Order(5)
  void kafkaRestarted() throws Exception {
    try (CaseRun run = new CaseRun(chain, dir, "e2e-c5")) {
      run.fleet("c5", FORM.devices(), chain.mqttUri(), Clock.systemUTC());
      Thread.sleep(FORM.warmup().toMillis());
      for (int i = 0; i < FORM.kafkaRestarts(); i++) {
        chain.restartKafka();
        Thread.sleep(FORM.connectGap().toMillis());
      }
      run.healed();
      Thread.sleep(FORM.after().toMillis());
      record(
          run.finish(
              "Kafka broker restarted " + FORM.kafkaRestarts() + "x",
              alarm -> true,
              spike -> true));
    }
  }

  @Test
  @Order(6)
  void taskManagerLostThenJobRestartedFromItsLatestCheckpoint() throws Exception {
    try (CaseRun run = new CaseRun(chain, dir, "e2e-c6")) {
      run.fleet("c6", FORM.devices(), chain.mqttUri(), Clock.systemUTC());
      Thread.sleep(FORM.warmup().toMillis());
      chain.failTaskManager();
      awaitJobRunningWithNewCheckpoint();
      Thread.sleep(FORM.flinkGap().toMillis());
      String checkpoint = chain.restartJobFromLatestCheckpoint();
      assertThat(checkpoint).as("a retained checkpoint to start from").isNotNull();
      awaitJobRunningWithNewCheckpoint();
      run.healed();
      Thread.sleep(FORM.after().toMillis());
      record(
          run.finish(
              "Flink TaskManager lost, then job stopped + restored", alarm -> true, spike -> true));
    }
  }

  @Test
  @Order(7)
  void elasticsearchDownForMinutes() throws Exception {
    try (CaseRun run = new CaseRun(chain, dir, "e2e-c7")) {
      run.fleet("c7", FORM.devices(), chain.mqttUri(), Clock.systemUTC());
      Thread.sleep(FORM.warmup().toMillis());
      chain.stopElasticsearch();
      Set<JobStatus> seen = watchJob(FORM.esOutage());
      chain.startElasticsearch();
      run.healed();
      Thread.sleep(FORM.after().toMillis());
      Account account =
          run.finish(
              "Elasticsearch down "
                  + seconds(FORM.esOutage())
                  + " (job meanwhile: "
                  + seen.stream().map(Enum::name).sorted().collect(Collectors.joining("/"))
                  + ")",
              alarm -> true,
              spike -> true);
      record(account);
      assertThat(chain.jobStatus()).isEqualTo(JobStatus.RUNNING);
    }
  }

  @Test
  @Order(8)
  @Tag(Form.LONG_ONLY)
  void deviceClockWrongUntilNtpSyncs() throws Exception {
    try (CaseRun run = new CaseRun(chain, dir, "e2e-c8")) {
      Traffic right = run.fleet("c8", FORM.devices(), chain.mqttUri(), Clock.systemUTC());
      SkewedClock ahead = new SkewedClock(Instant.now().plus(Duration.ofDays(365)));
      SkewedClock epoch = new SkewedClock(Instant.EPOCH);
      // Enough devices a year ahead that every readings partition carries one.
      Traffic future =
          run.fleet("c8f", devicesCoveringAllPartitions("c8f"), chain.mqttUri(), ahead);
      Traffic past = run.fleet("c8p", 1, chain.mqttUri(), epoch);
      Thread.sleep(FORM.skew().toMillis());
      Instant synced = Instant.now();
      ahead.sync();
      epoch.sync();
      run.healed();
      Thread.sleep(FORM.after().toMillis());
      Set<String> rightDevices = Set.copyOf(right.devices());
      Account account =
          run.finish(
              "device clocks a year ahead / at 1970 for " + seconds(FORM.skew()) + ", then NTP",
              alarm ->
                  alarm.kind().equals("DEVICE_OFFLINE") || rightDevices.contains(alarm.deviceId()),
              spike -> rightDevices.contains(spike.deviceId()));
      record(account);
      List<ReadingDoc> docs = run.readings();
      assertThat(docs)
          .filteredOn(doc -> rightDevices.contains(doc.deviceId()))
          .as("readings of devices with a right clock are never late")
          .noneMatch(ReadingDoc::late);
      assertThat(docs)
          .filteredOn(doc -> future.devices().contains(doc.deviceId()))
          .filteredOn(doc -> doc.ts().isBefore(synced.plusSeconds(3600)))
          .as("after the sync the once-ahead devices are on time too")
          .noneMatch(ReadingDoc::late);
      assertThat(docs)
          .filteredOn(doc -> past.devices().contains(doc.deviceId()))
          .filteredOn(doc -> doc.ts().isBefore(Instant.parse("1971-01-01T00:00:00Z")))
          .as("readings stamped before the clock synced are kept")
          .isNotEmpty();
    }
  }

  @Test
  @Order(9)
  // Long form only since 2026-12-05: verify had come within 40 s of its 20 minutes, and this case
  // failed once in three CI runs waiting for its readings to be searchable (not understood yet;
  // docs/reliability.md). Its detections are also covered by SensorSilentTest and
  // SensorRetirementTest in cloud-job and by the edge agent's bus tests.
  @Tag(Form.LONG_ONLY)
  void sensorsLeaveTheBusHangAndAreReplaced() throws Exception {
    recordBooks(watch.sensorsLeaveTheBusOrHang());
  }

  @Test
  @Order(10)
  void bridgeTaskFailsAndIsHealed() throws Exception {
    record(watch.bridgeFailsAndIsHealed());
  }

  @Test
  @Order(11)
  void jobCannotRunThenResumesWithItsAlarms() throws Exception {
    recordBooks(watch.jobDownThenResumes());
  }

  /** The books of a case without injected spikes: every reading once, nothing else. */
  private void recordBooks(Account account) {
    accounts.add(account);
    System.out.println("e2e " + FORM.name() + ": " + account.line());
    assertThat(account.missing()).as("readings without a document").isEmpty();
    assertThat(account.duplicates()).as("duplicate documents").isZero();
    assertThat(account.unexpected()).as("documents no device numbered").isZero();
    assertThat(account.indexed()).isEqualTo(account.produced());
  }

  private void record(Account account) {
    accounts.add(account);
    System.out.println("e2e " + FORM.name() + ": " + account.line());
    assertThat(account.missing()).as("readings without a document").isEmpty();
    assertThat(account.duplicates()).as("duplicate documents").isZero();
    assertThat(account.unexpected()).as("documents no device numbered").isZero();
    assertThat(account.indexed()).isEqualTo(account.produced());
    assertThat(account.sensorAlarms())
        .as("one SPIKE and one HIGH alarm per injected spike, on its sensor, nothing else")
        .isEqualTo(account.expectedAlarms());
    assertThat(account.expectedAlarms()).as("spikes injected during the case").isNotEmpty();
    assertThat(account.downlinkMissing()).as("alarm versions not on the downlink").isEmpty();
  }

  private static void assertOfflineRaisedAndCleared(Account account, List<String> devices) {
    for (String device : devices) {
      assertThat(account.offlineCleared().getOrDefault(device, 0))
          .as("DEVICE_OFFLINE raised and cleared for " + device)
          .isPositive();
    }
  }

  private void awaitJobRunningWithNewCheckpoint() throws Exception {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> chain.jobStatus() == JobStatus.RUNNING);
    long completed = chain.completedCheckpoints();
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> chain.completedCheckpoints() > completed);
  }

  /** The job states seen while waiting {@code duration}. */
  private Set<JobStatus> watchJob(Duration duration) throws Exception {
    Set<JobStatus> seen = new java.util.TreeSet<>();
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      seen.add(chain.jobStatus());
      Thread.sleep(250);
    }
    return seen;
  }

  /** How many devices {@code prefix-01..} it takes to have one on every readings partition. */
  private static int devicesCoveringAllPartitions(String prefix) {
    Set<Integer> partitions = new java.util.HashSet<>();
    int n = 0;
    while (partitions.size() < Chain.PARTITIONS) {
      n++;
      byte[] key =
          String.format("%s-%02d", prefix, n).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      partitions.add(Utils.toPositive(Utils.murmur2(key)) % Chain.PARTITIONS);
    }
    return n;
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + " s";
  }
}
