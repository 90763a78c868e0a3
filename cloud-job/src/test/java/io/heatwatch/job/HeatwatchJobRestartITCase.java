package io.heatwatch.job;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.job.device.DeviceView;
import io.heatwatch.job.model.ConfigUpdate;
import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.Notification;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.FlinkExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job restarts without a terminal limit: its readings sink fails {@value #FAILURES} times in a
 * row (more than the old fixed-delay budget of 10) and the job still comes back RUNNING and writes.
 */
@ExtendWith(FlinkExtension.class)
class HeatwatchJobRestartITCase {
  private static final int FAILURES = 12;
  private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
  private static final Map<String, AtomicInteger> WRITTEN = new ConcurrentHashMap<>();

  private final String run = UUID.randomUUID().toString();

  @Test
  void aJobThatFailsMoreThanTenTimesInARowComesBackRunning(FlinkCluster flink) throws Exception {
    ATTEMPTS.put(run, new AtomicInteger());
    WRITTEN.put(run, new AtomicInteger());
    JobConfig config =
        JobConfig.fromMap(
            Map.of(
                JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), "unused:9092",
                JobOptions.ELASTICSEARCH_HOSTS.key(), "http://unused:9200",
                JobOptions.PARALLELISM.key(), "1",
                JobOptions.CHECKPOINT_INTERVAL.key(), "1 s",
                JobOptions.RESTART_DELAY.key(), "10 ms",
                JobOptions.RESTART_MAX_DELAY.key(), "50 ms"));
    StreamExecutionEnvironment env = flink.environment(1);
    HeatwatchJob.build(env, config, new EndlessSources(), new FailingSinks(run));
    JobClient job = env.executeAsync("heatwatch-restarts");
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .failFast("the job failed for good", () -> job.getJobStatus().get() == JobStatus.FAILED)
          .untilAsserted(
              () -> {
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
                assertThat(ATTEMPTS.get(run).get()).isGreaterThan(FAILURES);
                assertThat(WRITTEN.get(run).get()).isPositive();
              });
    } finally {
      if (!job.getJobStatus().get().isGloballyTerminalState()) {
        job.cancel().get();
      }
    }
  }

  /** Readings of one sensor, a few a second, without end; quiet side inputs. */
  private static final class EndlessSources implements Sources {
    @Override
    public Source<ParsedRecord, ?, ?> readings() {
      return new DataGeneratorSource<>(
          index -> ParsedRecord.of(ok("pi", "t1", index + 1, index, 20.0)),
          Long.MAX_VALUE,
          RateLimiterStrategy.perSecond(20),
          TypeInformation.of(ParsedRecord.class));
    }

    @Override
    public Source<ParsedRecord, ?, ?> legacyReadings() {
      return new DataGeneratorSource<>(
          index -> ParsedRecord.of(ok("legacy", "t1", 1, 0, 20.0)),
          1,
          TypeInformation.of(ParsedRecord.class));
    }

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
      return QuietInputs.alarmCommands("pi:t1:HIGH:1", T0);
    }
  }

  /** Every sink discards; the readings sink cannot start its first {@value #FAILURES} times. */
  private record FailingSinks(String run) implements Sinks {
    @Override
    public Sink<StoredReading> readings() {
      return new FailingSink<>(run);
    }

    @Override
    public Sink<StoredReading> canary() {
      return new DiscardingSink<>();
    }

    @Override
    public Sink<SensorMetrics> metrics() {
      return new DiscardingSink<>();
    }

    @Override
    public Sink<Alarm> alarms() {
      return new DiscardingSink<>();
    }

    @Override
    public Sink<Notification> notifications() {
      return new DiscardingSink<>();
    }

    @Override
    public Sink<Alarm> alarmEvents() {
      return new DiscardingSink<>();
    }

    @Override
    public Sink<DeviceView> devices() {
      return new DiscardingSink<>();
    }

    @Override
    public Sink<InvalidRecord> invalidRecords() {
      return new DiscardingSink<>();
    }
  }

  /** A sink whose writer fails to start {@value #FAILURES} times, then counts what it gets. */
  private static final class FailingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private final String run;

    FailingSink(String run) {
      this.run = run;
    }

    // Flink 1.20 still declares this deprecated method abstract.
    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(InitContext context) {
      int attempt = ATTEMPTS.get(run).incrementAndGet();
      if (attempt <= FAILURES) {
        throw new IllegalStateException("test sink refuses to start, attempt " + attempt);
      }
      AtomicInteger written = WRITTEN.get(run);
      return new SinkWriter<>() {
        @Override
        public void write(T element, Context context) {
          written.incrementAndGet();
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
      };
    }
  }
}
