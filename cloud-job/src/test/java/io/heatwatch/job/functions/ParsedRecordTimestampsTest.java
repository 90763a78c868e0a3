package io.heatwatch.job.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.ParsedRecord;
import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.Limits;
import io.heatwatch.model.Reading;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ParsedRecordTimestampsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
  private final ParsedRecordTimestamps timestamps = new ParsedRecordTimestamps(NOW::toEpochMilli);

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
    Instant ts = NOW.plus(ParsedRecordTimestamps.MAX_FUTURE);
    assertThat(timestamps.extractTimestamp(at(ts), 0)).isEqualTo(ts.toEpochMilli());
  }

  @Test
  void aReadingFarInTheFutureGetsTheArrivalTimeAsEventTime() {
    Instant ts = NOW.plus(ParsedRecordTimestamps.MAX_FUTURE).plus(Duration.ofMillis(1));
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

  private static ParsedRecord at(Instant ts) {
    return ParsedRecord.of(Reading.ok("home", "pi-1", "t1", 1, ts, 21.0));
  }
}
