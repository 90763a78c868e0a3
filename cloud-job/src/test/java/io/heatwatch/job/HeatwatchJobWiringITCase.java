package io.heatwatch.job;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.job.device.DeviceView;
import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.job.parse.ParsedRecordDeserializer;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job's wiring on a MiniCluster with the sources and sinks swapped for in-memory ones, as
 * {@link HeatwatchJob#build} allows: bounded sources end with a final watermark, so every window
 * closes and the job finishes.
 */
@ExtendWith(FlinkExtension.class)
class HeatwatchJobWiringITCase {
  private static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();

  private final String run = UUID.randomUUID().toString();

  @Test
  void dedupesWindowsDetectsAndSplitsOffInvalidRecords(FlinkCluster flink) throws Exception {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      readings.add(ok("pi-a", "t1", i + 1, i * 10, 20.0 + i));
    }
    readings.add(ok("pi-a", "t1", 7, 70, 40.0));
    readings.add(ok("pi-a", "t1", 8, 80, 30.0));
    // the canary: 99 °C would be HIGH, a sensor, metrics and a device, were it not split off
    readings.add(ok(Pipeline.CANARY_DEVICE_ID, Pipeline.CANARY_SENSOR_ID, 1, 30, 99.0));
    List<String> payloads = new ArrayList<>();
    readings.forEach(reading -> payloads.add(json(reading)));
    payloads.add(json(readings.get(0)));
    payloads.add("{not json");
    String legacy = "{\"createTime\":\"2026-11-24 10:00:30\",\"orderId\":5,\"tempAmount\":21.0}";

    JobConfig config =
        JobConfig.fromArgs(
            "--kafka.bootstrap.servers", "unused:9092",
            "--elasticsearch.hosts", "http://unused:9200",
            "--parallelism", "1");
    runToEnd(flink, config, payloads, legacy);

    assertThat(collected("canary"))
        .extracting(stored -> ((StoredReading) stored).reading().id())
        .containsExactly(Pipeline.CANARY_DEVICE_ID + ":1");
    assertThat(collected("readings"))
        .extracting(stored -> ((StoredReading) stored).reading().id())
        .containsExactlyInAnyOrder(
            "pi-a:1",
            "pi-a:2",
            "pi-a:3",
            "pi-a:4",
            "pi-a:5",
            "pi-a:6",
            "pi-a:7",
            "pi-a:8",
            "legacy:5");
    assertThat(collected("metrics"))
        .map(SensorMetrics.class::cast)
        .extracting(SensorMetrics::deviceId)
        .doesNotContain(Pipeline.CANARY_DEVICE_ID);
    assertThat(collected("metrics"))
        .map(SensorMetrics.class::cast)
        .filteredOn(metrics -> metrics.deviceId().equals("pi-a"))
        .extracting(SensorMetrics::windowStart, SensorMetrics::count, SensorMetrics::avg)
        .containsExactlyInAnyOrder(tuple(T0, 6L, 22.5), tuple(T0.plusSeconds(60), 2L, 35.0));
    assertThat(collected("alarms"))
        .map(Alarm.class::cast)
        .extracting(Alarm::state)
        .containsExactly(AlarmState.OPEN, AlarmState.CLEARED);
    assertThat(collected("alarm-events")).isEqualTo(collected("alarms"));
    // the alarm is announced when it opens and again when it clears, to the level it reached
    assertThat(collected("notifications"))
        .map(Notification.class::cast)
        .extracting(Notification::reason, Notification::level)
        .containsExactly(
            tuple(Notification.Reason.OPENED, 1), tuple(Notification.Reason.CLEARED, 1));
    assertThat(collected("devices"))
        .map(DeviceView.class::cast)
        .extracting(DeviceView::deviceId)
        .contains("pi-a", "legacy", "pi-z")
        .doesNotContain(Pipeline.CANARY_DEVICE_ID);
    assertThat(collected("invalid"))
        .map(InvalidRecord.class::cast)
        .singleElement()
        .satisfies(invalid -> assertThat(invalid.reason()).contains("not valid JSON"));
  }

  private void runToEnd(FlinkCluster flink, JobConfig config, List<String> payloads, String legacy)
      throws Exception {
    StreamExecutionEnvironment env = flink.environment(1);
    HeatwatchJob.build(
        env, config, new InMemorySources(payloads, List.of(legacy)), new CollectingSinks(run));
    env.execute("heatwatch-wiring");
  }

  private List<Object> collected(String sink) {
    return COLLECTED.getOrDefault(run + "/" + sink, List.of());
  }

  private static String json(Reading reading) {
    return new String(TelemetryCodec.encode(reading), StandardCharsets.UTF_8);
  }

  /** Bounded sources of raw payloads, parsed by the job's own deserializer. */
  private record InMemorySources(List<String> readingPayloads, List<String> legacyPayloads)
      implements Sources {
    @Override
    public Source<ParsedRecord, ?, ?> readings() {
      return source(new PayloadParser(readingPayloads, false), readingPayloads.size());
    }

    @Override
    public Source<ParsedRecord, ?, ?> legacyReadings() {
      return source(new PayloadParser(legacyPayloads, true), legacyPayloads.size());
    }

    // One harmless element each: a tombstone, an unknown device's birth, a command on no alarm.
    @Override
    public Source<ConfigUpdate, ?, ?> sensorConfigs() {
      return QuietInputs.sensorConfigs();
    }

    @Override
    public Source<DeviceStatus, ?, ?> deviceStatus() {
      return QuietInputs.deviceStatus("home", "pi-z", T0);
    }

    @Override
    public Source<AlarmCommand, ?, ?> alarmCommands() {
      return QuietInputs.alarmCommands("pi-a:t1:HIGH:1", T0);
    }

    private static Source<ParsedRecord, ?, ?> source(PayloadParser parser, int count) {
      return new DataGeneratorSource<>(parser, count, TypeInformation.of(ParsedRecord.class));
    }
  }

  /** The {@code index}-th payload, as the Kafka source would parse it (one record each). */
  private static final class PayloadParser implements GeneratorFunction<Long, ParsedRecord> {
    private static final long serialVersionUID = 1L;
    private final ArrayList<String> payloads;
    private final boolean legacy;

    PayloadParser(List<String> payloads, boolean legacy) {
      this.payloads = new ArrayList<>(payloads);
      this.legacy = legacy;
    }

    @Override
    public ParsedRecord map(Long index) {
      ParsedRecordDeserializer deserializer =
          legacy ? ParsedRecordDeserializer.legacy(ZoneOffset.UTC) : ParsedRecordDeserializer.v1();
      String topic = legacy ? KafkaTopics.LEGACY : KafkaTopics.READINGS;
      byte[] value = payloads.get(index.intValue()).getBytes(StandardCharsets.UTF_8);
      List<ParsedRecord> out = new ArrayList<>();
      deserializer.deserialize(
          new ConsumerRecord<>(topic, 0, index, null, value), new ListCollector<>(out));
      return out.get(0);
    }
  }

  /** Sinks that collect into {@link #COLLECTED} under the test run's id. */
  private record CollectingSinks(String run) implements Sinks {
    @Override
    public Sink<StoredReading> readings() {
      return new CollectingSink<>(run + "/readings");
    }

    @Override
    public Sink<StoredReading> canary() {
      return new CollectingSink<>(run + "/canary");
    }

    @Override
    public Sink<SensorMetrics> metrics() {
      return new CollectingSink<>(run + "/metrics");
    }

    @Override
    public Sink<Alarm> alarms() {
      return new CollectingSink<>(run + "/alarms");
    }

    @Override
    public Sink<Notification> notifications() {
      return new CollectingSink<>(run + "/notifications");
    }

    @Override
    public Sink<Alarm> alarmEvents() {
      return new CollectingSink<>(run + "/alarm-events");
    }

    @Override
    public Sink<DeviceView> devices() {
      return new CollectingSink<>(run + "/devices");
    }

    @Override
    public Sink<InvalidRecord> invalidRecords() {
      return new CollectingSink<>(run + "/invalid");
    }
  }

  /** A sink that adds every element to a list in this JVM. */
  private static final class CollectingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final String name;

    CollectingSink(String name) {
      this.name = name;
    }

    // Flink 1.20 still declares this deprecated method abstract.
    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(InitContext context) {
      List<Object> list = COLLECTED.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>());
      return new SinkWriter<>() {
        @Override
        public void write(T element, Context context) {
          list.add(element);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
