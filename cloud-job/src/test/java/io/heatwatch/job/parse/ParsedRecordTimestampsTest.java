package io.heatwatch.job.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.Limits;
import io.heatwatch.model.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class ParsedRecordTimestampsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
  private static final Duration MAX_AHEAD = Duration.ofSeconds(10);
  private final ParsedRecordTimestamps timestamps =
      new ParsedRecordTimestamps(NOW::toEpochMilli, MAX_AHEAD, null);

  @Test
  void aReadingOnTimeKeepsItsOwnTime() {
    Instant ts = NOW.minusSeconds(3);
    assertThat(timestamps.extractTimestamp(at(ts), 0)).isEqualTo(ts.toEpochMilli());
  }

  @Test
  void aReadingStampedInThePastKeepsItsTimeSoItIsLateNotMoved() {
    Instant boot = Limits.EARLIEST_TS;
    assertThat(timestamps.extractTimestamp(at(boot), 0)).isEqualTo(boot.toEpochMilli());
  }

  @Test
  void aReadingSlightlyAheadIsBelievedWithinTheLimit() {
    Instant ts = NOW.plus(MAX_AHEAD);
    assertThat(timestamps.extractTimestamp(at(ts), 0)).isEqualTo(ts.toEpochMilli());
  }

  @Test
  void aReadingFarInTheFutureGetsTheArrivalTimeAsEventTime() {
    Instant ts = NOW.plus(MAX_AHEAD).plus(Duration.ofMillis(1));
    assertThat(timestamps.extractTimestamp(at(ts), 0)).isEqualTo(NOW.toEpochMilli());
    assertThat(timestamps.extractTimestamp(at(NOW.plus(Duration.ofDays(365))), 0))
        .isEqualTo(NOW.toEpochMilli());
  }

  @Test
  void anInvalidRecordHasNoTimestamp() {
    ParsedRecord invalid =
        ParsedRecord.rejected(new InvalidRecord("heatwatch.readings", 0, 1, "bad", new byte[0]));
    assertThat(timestamps.extractTimestamp(invalid, 0)).isEqualTo(ParsedRecord.NO_TIMESTAMP);
  }

  @Test
  void everyInstantTheContractAcceptsHasAnEventTime() {
    Instant latest = Limits.LATEST_TS.minusNanos(1);
    assertThat(timestamps.extractTimestamp(at(latest), 0)).isEqualTo(NOW.toEpochMilli());
    // toEpochMilli() of this one overflows a long and threw in the source's timestamp assigner;
    // the contract refuses it now, so the bridge dead-letters it before the job sees it.
    assertThatThrownBy(() -> at(Instant.parse("+300000000-01-01T00:00:00Z")))
        .isInstanceOf(InvalidPayloadException.class)
        .hasMessageContaining("ts");
  }

  @Test
  void theSkewOfEachMinuteIsAGaugeAndClampedReadingsAreCounted() {
    long[] now = {NOW.toEpochMilli()};
    Map<String, Object> registered = new HashMap<>();
    MetricGroup recording =
        new UnregisteredMetricsGroup() {
          @Override
          public Counter counter(String name) {
            Counter counter = new SimpleCounter();
            registered.put(name, counter);
            return counter;
          }

          @Override
          public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            registered.put(name, gauge);
            return gauge;
          }
        };
    ParsedRecordTimestamps clamping =
        new ParsedRecordTimestamps(() -> now[0], MAX_AHEAD, recording);
    clamping.extractTimestamp(at(NOW.plusSeconds(180)), 0);
    clamping.extractTimestamp(at(NOW.plusSeconds(5)), 0);
    now[0] += 60_000;
    clamping.extractTimestamp(at(NOW), 0);

    assertThat(((Gauge<?>) registered.get("clockAheadMaxMs")).getValue()).isEqualTo(180_000L);
    assertThat(((Counter) registered.get("readingsAheadOfClock")).getCount()).isEqualTo(1);
  }

  private static ParsedRecord at(Instant ts) {
    return ParsedRecord.of(Reading.ok("home", "pi-1", "t1", 1, ts, 21.0));
  }
}
