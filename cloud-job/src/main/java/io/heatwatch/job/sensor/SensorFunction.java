package io.heatwatch.job.sensor;

import io.heatwatch.job.detect.SensorDetection;
import io.heatwatch.job.detect.SensorState;
import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.SensorRef;
import io.heatwatch.model.Thresholds;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the job does per sensor, in one operator keyed by {@code deviceId/sensorId}, so a
 * reading crosses one network exchange from the Kafka source to its alarm: de-duplication on {@code
 * (deviceId, seq)} ({@link SensorDedupe}), late marking, the 1-minute metrics ({@link
 * SensorMinutes}) and the detectors with their alarm lifecycle ({@link SensorDetection}). Readings
 * and acknowledgements come in keyed; sensor configs come in as broadcast state (key {@code
 * deviceId/sensorId}), so a threshold changed on the config topic applies from the next reading on,
 * without a restart. Sensors without a config use the job's defaults.
 *
 * <p>Outputs: alarm versions on the main output; every new reading, marked late or not, on {@link
 * #READINGS}; each closed minute's statistics on {@link #METRICS}; the first new reading of each
 * wall-clock second on {@link #SIGNS_OF_LIFE} for the per-device offline detector.
 *
 * <p>A reading is {@code late} when its event time (as the source assigned it) is at or behind the
 * current watermark. A sensor silent for {@code dedupeTtl} of processing time is forgotten (its
 * dedupe window, and its detection state unless an alarm is open or pending; with one it is kept
 * until {@code retireAfter} and then retired, {@link SensorRetirement}) by one timer per sensor
 * that re-arms itself while the sensor keeps sending, because Flink's state TTL costs far more per
 * reading; a config with {@code retiredAt} retires it at once.
 */
public final class SensorFunction
    extends KeyedBroadcastProcessFunction<String, SensorInput, ConfigUpdate, Alarm> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SensorFunction.class);

  /**
   * The broadcast state of sensor configs, by the config topic's record key: {@code
   * deviceId/sensorId}, or the sensorId alone for records (and savepoints) from before.
   */
  public static final MapStateDescriptor<String, SensorConfig> CONFIGS =
      new MapStateDescriptor<>(
          "sensor-configs", Types.STRING, TypeInformation.of(SensorConfig.class));

  /** Every reading that is not a duplicate, as it is stored. */
  public static final OutputTag<StoredReading> READINGS = new OutputTag<>("readings") {};

  /** The statistics of each closed minute of a sensor. */
  public static final OutputTag<SensorMetrics> METRICS = new OutputTag<>("metrics-1m") {};

  /** At most one new reading per sensor and second, for liveness. */
  public static final OutputTag<Reading> SIGNS_OF_LIFE = new OutputTag<>("signs-of-life") {};

  /** Everything the operator remembers per sensor, one value per key. */
  private static final ValueStateDescriptor<SensorState> STATE =
      new ValueStateDescriptor<>("sensor-state", TypeInformation.of(SensorState.class));

  private final Thresholds defaults;
  private final SensorRetirement retirement;
  private final SensorDetection detection = new SensorDetection();
  private transient ValueState<SensorState> state;
  private transient SensorDedupe dedupe;
  private transient SensorMinutes minutes;
  private transient Counter forgotten;
  private transient Counter retired;

  /**
   * {@link #thresholds} by the config object they were built from; emptied on any config change.
   */
  private transient Map<SensorConfig, Thresholds> effective;

  /** The collector {@link #emitter} passes alarms to, and that consumer. */
  private transient Collector<Alarm> emitting;

  private transient Consumer<Alarm> emitter;

  /**
   * Detection with {@code defaults} for every threshold a sensor's config does not set, forgetting
   * a sensor {@code dedupeTtl} after its latest new reading, and retiring one with alarms {@code
   * retireAfter} after it.
   */
  public SensorFunction(Thresholds defaults, Duration dedupeTtl, Duration retireAfter) {
    this.defaults = defaults;
    this.retirement = new SensorRetirement(dedupeTtl, retireAfter);
  }

  @Override
  public void open(OpenContext openContext) {
    state = getRuntimeContext().getState(STATE);
    var metrics = getRuntimeContext().getMetricGroup();
    dedupe = new SensorDedupe(metrics);
    minutes = new SensorMinutes(metrics);
    forgotten = metrics.counter("sensorsForgotten");
    retired = metrics.counter("sensorsRetired");
    effective = new IdentityHashMap<>();
  }

  @Override
  public void processElement(SensorInput input, ReadOnlyContext ctx, Collector<Alarm> out)
      throws Exception {
    SensorState current = state.value();
    if (input.reading() == null) {
      command(current, input, out);
      return;
    }
    if (current == null) {
      current = new SensorState();
    }
    current.fitKinds();
    Reading reading = input.reading();
    long now = ctx.currentProcessingTime();
    SensorDedupe.Copy copy = dedupe.firstCopy(current, reading, now);
    if (copy == SensorDedupe.Copy.DUPLICATE) {
      return;
    }
    if (copy == SensorDedupe.Copy.FIRST_SEEN) {
      ctx.timerService().registerProcessingTimeTimer(retirement.firstCheck(now));
    }
    if (copy != SensorDedupe.Copy.FIRST) {
      ctx.output(SIGNS_OF_LIFE, reading);
    }
    long eventTime = eventTime(reading, ctx);
    long watermark = ctx.currentWatermark();
    ctx.output(
        READINGS, new StoredReading(reading, eventTime <= watermark, Instant.ofEpochMilli(now)));
    minutes.count(current, reading, eventTime, watermark, ctx.timerService());

    detection.onReading(current, reading, thresholds(config(reading, ctx)), emitter(out));
    state.update(current);
  }

  /**
   * The thresholds a sensor with {@code config} (or none) is judged by: the defaults with the
   * config applied, built once per config rather than for every reading (a profile's thresholds and
   * a builder each time). Broadcast state hands out the same config object until it is replaced,
   * and any config change empties the cache, so it is keyed by identity.
   */
  private Thresholds thresholds(SensorConfig config) {
    if (config == null) {
      return defaults;
    }
    Thresholds applied = effective.get(config);
    if (applied == null) {
      applied = defaults.with(config);
      effective.put(config, applied);
    }
    return applied;
  }

  /** Passes alarms to {@code out}: one consumer per collector, not one per reading. */
  private Consumer<Alarm> emitter(Collector<Alarm> out) {
    if (out != emitting) {
      emitting = out;
      emitter = alarm -> emit(alarm, out);
    }
    return emitter;
  }

  /**
   * The reading's sensor config: the one under its {@code deviceId/sensorId}, else one written
   * under its sensorId alone (before sensors were named with their device) whose value names this
   * device; {@code null} when there is none. A config applies only to the sensor its value names,
   * whatever key it came under.
   */
  private static SensorConfig config(Reading reading, ReadOnlyContext ctx) throws Exception {
    var configs = ctx.getBroadcastState(CONFIGS);
    // the operator's key is the reading's SensorRef.key() (SensorKey)
    SensorConfig config = configs.get(ctx.getCurrentKey());
    if (!isFor(config, reading)) {
      config = configs.get(reading.sensorId());
    }
    return isFor(config, reading) ? config : null;
  }

  private static boolean isFor(SensorConfig config, Reading reading) {
    return config != null
        && config.deviceId().equals(reading.deviceId())
        && config.sensorId().equals(reading.sensorId());
  }

  /**
   * The reading's event time as the source assigned it: its {@code ts}, or its arrival time when
   * {@code ts} is too far ahead (ParsedRecordTimestamps).
   */
  private static long eventTime(Reading reading, ReadOnlyContext ctx) {
    Long timestamp = ctx.timestamp();
    return timestamp != null ? timestamp : reading.ts().toEpochMilli();
  }

  private void command(SensorState current, SensorInput input, Collector<Alarm> out)
      throws Exception {
    if (current != null) {
      current.fitKinds();
    }
    Alarm acked = current == null ? null : detection.onCommand(current, input.command());
    if (acked == null) {
      LOG.warn(
          "alarm command {} {} by {} ignored: no such open alarm (or already acknowledged)",
          input.command().action(),
          input.command().alarmId(),
          input.command().by());
      return;
    }
    state.update(current);
    emit(acked, out);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alarm> out) throws Exception {
    SensorState current = state.value();
    if (current == null) {
      return;
    }
    current.fitKinds();
    if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
      SensorMinutes.close(current, timestamp, metrics -> ctx.output(METRICS, metrics));
    } else {
      // one processing-time timer may serve both the late flush and forgetting
      SensorMinutes.flushLate(current, timestamp, metrics -> ctx.output(METRICS, metrics));
      if (current.seen != null) {
        long lastSeen = SeqWindow.lastSeen(current.seen);
        if (retirement.retires(current, lastSeen, timestamp)) {
          retire(current, ctx.getCurrentKey(), timestamp, out);
          state.clear();
          return;
        }
        if (retirement.keeps(current, lastSeen, timestamp)) {
          ctx.timerService().registerProcessingTimeTimer(retirement.nextCheck(lastSeen, timestamp));
          state.update(current);
          return;
        }
        current.seen = null;
        forgotten.inc();
      }
    }
    if (current.seen == null && current.idle()) {
      state.clear();
    } else {
      state.update(current);
    }
  }

  private void retire(SensorState current, String key, long now, Collector<Alarm> out) {
    for (Alarm cleared : SensorRetirement.retire(current, key, now)) {
      emit(cleared, out);
    }
    retired.inc();
    LOG.info("sensor {} retired", key);
  }

  @Override
  public void processBroadcastElement(ConfigUpdate update, Context ctx, Collector<Alarm> out)
      throws Exception {
    BroadcastState<String, SensorConfig> configs = ctx.getBroadcastState(CONFIGS);
    effective.clear();
    if (update.config() == null) {
      configs.remove(update.key());
      LOG.info("sensor config {} removed, job defaults apply", update.key());
    } else {
      configs.put(update.key(), update.config());
      LOG.info("sensor config {}: {}", update.key(), update.config());
      if (update.config().retiredAt() != null) {
        retire(update.config(), ctx, out);
      }
    }
  }

  /**
   * An operator retired a sensor in its config: its alarms are cleared and its state freed now; if
   * it reports again it is a new sensor. Flink reaches keyed state from a broadcast element only by
   * visiting every key of this subtask, which is fine for a rare, operator-made event.
   */
  private void retire(SensorConfig config, Context ctx, Collector<Alarm> out) throws Exception {
    String key = new SensorRef(config.deviceId(), config.sensorId()).key();
    long now = ctx.currentProcessingTime();
    ctx.applyToKeyedState(
        STATE,
        (stateKey, sensor) -> {
          SensorState current = key.equals(stateKey) ? sensor.value() : null;
          if (current != null) {
            current.fitKinds();
            retire(current, key, now, out);
            sensor.clear();
          }
        });
  }

  private static void emit(Alarm alarm, Collector<Alarm> out) {
    LOG.info(
        "alarm {} {} v{} {} value={} threshold={}",
        alarm.alarmId(),
        alarm.state(),
        alarm.version(),
        alarm.severity(),
        alarm.value(),
        alarm.threshold());
    out.collect(alarm);
  }
}
