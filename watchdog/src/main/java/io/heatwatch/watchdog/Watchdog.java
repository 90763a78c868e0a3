package io.heatwatch.watchdog;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Pipeline.Stage;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * heatwatch's dead man's switch: every {@code canary.interval} it publishes a canary, follows it
 * through the broker, Kafka and Elasticsearch, asks Connect, Flink, Kafka and Elasticsearch how
 * they are, restarts a FAILED source connector, and raises PIPELINE_STALLED naming the stage when
 * no canary came through for {@code stall.after}. Each check has its own client and timeout, so a
 * stage that is down never stops the watchdog from seeing or reporting the others.
 */
public final class Watchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
  private static final int CANDIDATES = 24;

  /** The consumer group the watchdog reads operators' commands on its alarms with. */
  static final String COMMANDS_GROUP = "heatwatch-watchdog-commands";

  private final WatchdogConfig config;
  private final Clock clock;
  private final Instant started;
  private final ScheduledExecutorService ticks;
  private final MqttCanary canary;
  private final KafkaWatch kafka;
  private final ElasticsearchWatch elasticsearch;
  private final ConnectSupervisor connect;
  private final FlinkProbe flink;
  private final AlarmWriter alarms;
  private final CommandReader commands;
  private final StallJudge judge;
  private final StallAlarms stallAlarms = new StallAlarms();
  private final Deque<Long> published = new ArrayDeque<>();
  private final PrintStream metricsOut;
  private final ThrottledLog checkFailures;
  private HealthServer health;
  private boolean adopted;
  private volatile WatchdogStatus status;

  private Watchdog(WatchdogConfig config, Clock clock, PrintStream metricsOut) throws Exception {
    this.config = config;
    this.clock = clock;
    this.checkFailures = new ThrottledLog(LOG, "watchdog check failed", clock);
    this.metricsOut = metricsOut;
    this.started = clock.instant();
    Duration timeout = config.duration(WatchdogConfig.HTTP_TIMEOUT);
    Rest rest = new Rest(timeout);
    this.judge = new StallJudge(config.duration(WatchdogConfig.STALL_AFTER));
    this.canary =
        new MqttCanary(
            config.getString(WatchdogConfig.MQTT_SERVER_URI),
            config.getString(WatchdogConfig.MQTT_USERNAME),
            config.mqttPassword(),
            clock);
    String bootstrap = config.getString(WatchdogConfig.KAFKA_BOOTSTRAP_SERVERS);
    this.kafka =
        new KafkaWatch(bootstrap, config.getString(WatchdogConfig.KAFKA_JOB_GROUP_ID), timeout);
    this.elasticsearch =
        new ElasticsearchWatch(
            new Rest(timeout, config.elasticsearchAuthorization()),
            config.getString(WatchdogConfig.ELASTICSEARCH_URL));
    this.connect =
        new ConnectSupervisor(
            rest,
            config.getString(WatchdogConfig.CONNECT_URL),
            config.getString(WatchdogConfig.CONNECT_CONNECTOR),
            config.duration(WatchdogConfig.CONNECT_RESTART_BACKOFF),
            config.duration(WatchdogConfig.CONNECT_RESTART_MAX_BACKOFF),
            clock);
    this.flink =
        new FlinkProbe(
            rest,
            config.getString(WatchdogConfig.FLINK_URL),
            config.getString(WatchdogConfig.FLINK_JOB_NAME));
    this.alarms = new AlarmWriter(bootstrap, elasticsearch, timeout, clock);
    this.commands = new CommandReader(bootstrap, COMMANDS_GROUP, this::command, clock);
    this.ticks =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts the watchdog and its /health endpoint; the metrics line goes to {@code metricsOut} every
   * {@code metrics.interval}.
   */
  public static Watchdog start(WatchdogConfig config, Clock clock, PrintStream metricsOut)
      throws Exception {
    Watchdog w = new Watchdog(config, clock, metricsOut);
    try {
      w.status = w.judgeNow();
      w.health =
          HealthServer.start(
              config.getString(WatchdogConfig.HEALTH_BIND_ADDRESS),
              config.getInt(WatchdogConfig.HEALTH_PORT),
              w::status);
      long every = config.duration(WatchdogConfig.CANARY_INTERVAL).toMillis();
      w.ticks.scheduleWithFixedDelay(w::tick, 0, every, TimeUnit.MILLISECONDS);
      long metrics = config.duration(WatchdogConfig.METRICS_INTERVAL).toMillis();
      w.ticks.scheduleAtFixedRate(w::metrics, metrics, metrics, TimeUnit.MILLISECONDS);
      w.commands.start();
      LOG.info("watchdog started; health on {}", w.healthUrl());
      return w;
    } catch (Exception | Error e) {
      w.close();
      throw e;
    }
  }

  /** The latest picture of the pipeline. */
  public WatchdogStatus status() {
    return status;
  }

  /** {@code http://host:port/health}. */
  public String healthUrl() {
    return health.url();
  }

  private void tick() {
    try {
      long seq = canary.publish();
      published.addLast(seq);
      while (published.size() > CANDIDATES) {
        published.removeFirst();
      }
      adoptOpenAlarms();
      status = judgeNow();
    } catch (RuntimeException e) {
      checkFailures.error(e.toString(), e);
    }
  }

  /** An operator's command: applied if it names the open PIPELINE_STALLED alarm. */
  private void command(AlarmCommand command) {
    stallAlarms
        .command(command)
        .ifPresent(
            a -> {
              LOG.info("{} {} by {}", command.action(), a.alarmId(), command.by());
              alarms.write(List.of(a));
            });
  }

  private WatchdogStatus judgeNow() {
    Observation o = Observation.at(clock.instant(), started);
    o = down(o, Stage.BROKER, canary.down());
    o = down(o, Stage.BRIDGE, connect.check());
    o = down(o, Stage.KAFKA, kafka.check());
    o = down(o, Stage.JOB, flink.check());
    Optional<String> esDown = elasticsearch.check();
    o = down(o, Stage.ELASTICSEARCH, esDown);
    if (esDown.isEmpty()) {
      elasticsearch.lookFor(List.copyOf(published));
    }
    o = passed(o, Stage.BROKER, canary.passed());
    o = passed(o, Stage.BRIDGE, kafka.passed());
    o = passed(o, Stage.KAFKA, kafka.passed());
    o = passed(o, Stage.JOB, elasticsearch.passed());
    o = passed(o, Stage.ELASTICSEARCH, elasticsearch.passed());
    StallJudge.Verdict verdict = judge.judge(o);
    List<Alarm> changes = stallAlarms.apply(verdict, o.now());
    if (changes.isEmpty()) {
      alarms.retry();
    } else {
      alarms.write(changes);
    }
    return summarize(verdict);
  }

  private void adoptOpenAlarms() {
    if (adopted) {
      return;
    }
    try {
      elasticsearch.openStallAlarms().forEach(stallAlarms::adopt);
      adopted = true;
      stallAlarms.open().ifPresent(a -> LOG.info("continuing open alarm {}", a.alarmId()));
    } catch (Exception e) {
      LOG.debug("open PIPELINE_STALLED alarms not read yet: {}", e.toString());
    }
  }

  private WatchdogStatus summarize(StallJudge.Verdict v) {
    List<String> warnings = new ArrayList<>();
    long maxBytes = config.getLong(WatchdogConfig.BROKER_QUEUE_MAX_BYTES);
    OptionalLong bytes = canary.queueBytes();
    queueWarning(bytes, maxBytes).ifPresent(warnings::add);
    if (alarms.pending() > 0) {
      warnings.add(
          alarms.pending() + " alarm version(s) not yet written to Kafka or Elasticsearch");
    }
    String state =
        v.stalled().isPresent()
            ? "stalled"
            : v.allStagesOk() && warnings.isEmpty() ? "ok" : "degraded";
    String reason = v.reason();
    if (reason.isEmpty() && v.anyStageStalled()) {
      reason =
          v.stages().stream()
              .filter(s -> s.state() == StageView.State.STALLED)
              .map(s -> StageView.words(s.stage()) + ": " + s.detail())
              .findFirst()
              .orElse("");
    }
    return new WatchdogStatus(
        state,
        v.stages(),
        v.stalled(),
        reason,
        v.canaryAge().toSeconds(),
        connect.state(),
        connect.restarts(),
        connect.failedTasks(),
        flink.state(),
        flink.restarts(),
        kafka.lag(),
        bytes,
        canary.queueMessages(),
        maxBytes,
        List.copyOf(warnings));
  }

  /** A warning when the broker's stored bytes pass half of {@code broker.queue.max-bytes}. */
  static Optional<String> queueWarning(OptionalLong bytes, long maxBytes) {
    if (maxBytes <= 0 || bytes.isEmpty() || bytes.getAsLong() * 2 <= maxBytes) {
      return Optional.empty();
    }
    return Optional.of(
        "broker queue past half its bound: "
            + bytes.getAsLong()
            + " of "
            + maxBytes
            + " bytes ("
            + WatchdogConfig.BROKER_QUEUE_MAX_BYTES
            + ")");
  }

  private void metrics() {
    try {
      metricsOut.println(
          Rest.JSON.writeValueAsString(
              HealthJson.emf(
                  status, config.getString(WatchdogConfig.METRICS_STACK), clock.instant())));
    } catch (Exception e) {
      LOG.warn("metrics line not written: {}", e.toString());
    }
  }

  private static Observation down(Observation o, Stage stage, Optional<String> why) {
    return why.map(w -> o.withDown(stage, w)).orElse(o);
  }

  private static Observation passed(Observation o, Stage stage, Optional<Instant> at) {
    return at.map(t -> o.withPassed(stage, t)).orElse(o);
  }

  @Override
  public void close() {
    ticks.shutdownNow();
    try {
      ticks.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (health != null) {
      health.close();
    }
    commands.close();
    alarms.close();
    kafka.close();
    canary.close();
  }
}
