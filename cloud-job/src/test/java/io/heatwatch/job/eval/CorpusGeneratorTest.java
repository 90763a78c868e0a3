package io.heatwatch.job.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.job.eval.CorpusGenerator.Case;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.Thresholds;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorpusGeneratorTest {
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration TEN_S = Duration.ofSeconds(10);

  @Test
  void theSameSeedGivesTheSameCaseAnotherSeedAnother() {
    Case a = CorpusGenerator.generate("spike", 42, 1, DAY, TEN_S);
    Case b = CorpusGenerator.generate("spike", 42, 1, DAY, TEN_S);
    Case c = CorpusGenerator.generate("spike", 43, 1, DAY, TEN_S);

    assertThat(a.readings()).isEqualTo(b.readings());
    assertThat(a.labels()).isEqualTo(b.labels());
    assertThat(c.readings()).isNotEqualTo(a.readings());
  }

  @Test
  void spikeLabelsSitWhereTheValueJumped() {
    Case spikes = CorpusGenerator.generate("spike", 7, 1, DAY, TEN_S);
    List<Reading> readings = spikes.readings();

    assertThat(readings).hasSize(8640);
    assertThat(spikes.labels()).hasSizeGreaterThan(20).allMatch(l -> l.kind() == AlarmKind.SPIKE);
    for (LabelWindow label : spikes.labels()) {
      int first = index(readings, label);
      int length = (int) Duration.between(label.start(), label.end()).dividedBy(TEN_S) + 1;
      assertThat(length).isBetween(1, 3);
      double before = okValue(readings, first - 1, -1);
      double after = okValue(readings, first + length, 1);
      for (int i = first; i < first + length; i++) {
        assertThat(readings.get(i).tempC() - Math.max(before, after)).isGreaterThan(2);
      }
    }
  }

  @Test
  void faultLabelsCoverValuelessReadingsAndTheCleanCaseHasNoLabels() {
    Case faults = CorpusGenerator.generate("fault", 7, 2, DAY, TEN_S);
    for (LabelWindow label : faults.labels()) {
      int first = index(faults.readings(), label);
      assertThat(faults.readings().get(first).tempC()).isNull();
      assertThat(faults.readings().get(first).quality().usable()).isFalse();
    }
    assertThat(faults.labels()).extracting(LabelWindow::sensor).contains("fault-1", "fault-2");
    assertThat(CorpusGenerator.generate("clean", 7, 2, DAY, TEN_S).labels()).isEmpty();
  }

  @Test
  void theHistoricCasesAtTenSecondsAreWhatTheyWereBeforeTheNewPatterns() throws Exception {
    // SHA-256 of each case's CSV (seed 404, 1 sensor, 1 day) as the generator of c573251 wrote it.
    Map<String, String> before =
        Map.of(
            "clean", "561d296d7fdd7f6de317f13b2323db14195bc74b9228408b0479bca958d18d27",
            "spike", "cdce1d4fe2660a155521d018bd491a5bc4cb3e86f71edeee9c1d3e1d36910fae",
            "ramp", "e35a3c1dbf70352e4c30971077728c11e3d98cb6e0398f094c32dda560a33e63",
            "flatline", "4af202aa46fd7ee742d71de1fab31d14d662d8b0928d2fd574566c13fc6e6a21",
            "fault", "04c3f5b94d190ee7b07d058fa4fb63dbb3cec3f44fed5d7f325e31da3b514a05");
    for (Map.Entry<String, String> e : before.entrySet()) {
      Case c = CorpusGenerator.generate(e.getKey(), 404, 1, DAY, TEN_S);
      StringWriter csv = new StringWriter();
      SeriesCsv.write(csv, c.readings());
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(csv.toString().getBytes(StandardCharsets.UTF_8));
      assertThat(HexFormat.of().formatHex(hash)).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(c.profiles()).containsValue(SensorProfile.CUSTOM).hasSize(1);
    }
  }

  @Test
  void everyCaseButSpikeAndRampExistsAtEveryCadenceWithItsLabels() {
    for (int seconds : new int[] {10, 60, 300, 900}) {
      Duration interval = Duration.ofSeconds(seconds);
      for (String name : CorpusGenerator.CASES) {
        if (!CorpusGenerator.supports(name, interval)) {
          assertThat(seconds).isGreaterThan(60);
          continue;
        }
        Case c = CorpusGenerator.generate(name, 5, 2, Duration.ofDays(7), interval);
        assertThat(c.readings()).as(name + " at " + seconds).isNotEmpty();
        if (List.of("flatline", "fault", "compressor", "powercut").contains(name)) {
          assertThat(c.labels()).as(name + " at " + seconds).hasSizeGreaterThanOrEqualTo(4);
        }
      }
    }
    assertThatThrownBy(() -> CorpusGenerator.generate("spike", 5, 1, DAY, Duration.ofMinutes(15)))
        .hasMessageContaining("spike needs one reading a minute or faster");
  }

  @Test
  void aStuckSensorAtFifteenMinutesStaysStuckForAtLeastTwelveReadings() {
    Case c = CorpusGenerator.generate("flatline", 9, 2, Duration.ofDays(7), Duration.ofMinutes(15));
    for (LabelWindow label : c.labels()) {
      long readings = Duration.between(label.start(), label.end()).toMinutes() / 15 + 1;
      assertThat(readings).isBetween(12L, 20L);
    }
  }

  @Test
  void aFreezerDefrostsTwoToFourTimesADayUnderItsCeilingWithoutLabels() {
    Case c = CorpusGenerator.generate("defrost", 3, 2, Duration.ofDays(2), Duration.ofMinutes(1));
    double ceiling = SensorProfile.FREEZER.thresholds(Thresholds.DEFAULTS).defrostCeilingC();
    assertThat(c.labels()).isEmpty();
    assertThat(c.profiles())
        .containsOnly(
            Map.entry("defrost-1", SensorProfile.FREEZER),
            Map.entry("defrost-2", SensorProfile.FREEZER));
    for (String sensor : c.profiles().keySet()) {
      List<Double> values =
          c.readings().stream()
              .filter(r -> r.sensorId().equals(sensor) && r.tempC() != null)
              .map(Reading::tempC)
              .toList();
      assertThat(values).allMatch(v -> v < ceiling - 1);
      int rises = 0;
      for (int i = 1; i < values.size(); i++) {
        rises += values.get(i - 1) <= -15.5 && values.get(i) > -15.5 ? 1 : 0;
      }
      assertThat(rises).as(sensor).isBetween(4, 8);
    }
  }

  @Test
  void aFailingCompressorIsLabelledTrendUntilItCrossesHighThenHigh() {
    Case c =
        CorpusGenerator.generate("compressor", 4, 2, Duration.ofDays(7), Duration.ofMinutes(1));
    assertThat(c.profiles())
        .containsEntry("compressor-1", SensorProfile.FRIDGE)
        .containsEntry("compressor-2", SensorProfile.FREEZER);
    List<LabelWindow> trends =
        c.labels().stream().filter(l -> l.kind() == AlarmKind.TREND).toList();
    List<LabelWindow> highs = c.labels().stream().filter(l -> l.kind() == AlarmKind.HIGH).toList();
    assertThat(trends).hasSize(6).hasSameSizeAs(highs);
    for (int i = 0; i < trends.size(); i++) {
      LabelWindow trend = trends.get(i);
      LabelWindow high = highs.get(i);
      double threshold = c.profiles().get(trend.sensor()).thresholds(Thresholds.DEFAULTS).highC();
      assertThat(high.start()).isEqualTo(trend.end());
      assertThat(Duration.between(trend.start(), trend.end()).toMinutes()).isBetween(20L, 240L);
      assertThat(value(c, high.sensor(), high.start())).isGreaterThan(threshold);
      assertThat(valueBefore(c, trend.sensor(), trend.end())).isLessThanOrEqualTo(threshold);
    }
  }

  @Test
  void aSwappedSensorLeavesAGapAndNoLabel() {
    Case c = CorpusGenerator.generate("swap", 6, 1, Duration.ofDays(7), Duration.ofMinutes(1));
    assertThat(c.labels()).isEmpty();
    List<Reading> readings = c.readings();
    long gaps = 0;
    for (int i = 1; i < readings.size(); i++) {
      long minutes = Duration.between(readings.get(i - 1).ts(), readings.get(i).ts()).toMinutes();
      if (minutes > 1) {
        assertThat(minutes).isBetween(5L, 31L);
        gaps++;
      }
    }
    assertThat(gaps).isEqualTo(2);
  }

  private static double value(Case c, String sensor, Instant at) {
    return c.readings().stream()
        .filter(r -> r.sensorId().equals(sensor) && r.ts().equals(at))
        .findFirst()
        .orElseThrow()
        .tempC();
  }

  /** The last value of {@code sensor} before {@code at}. */
  private static double valueBefore(Case c, String sensor, Instant at) {
    return c.readings().stream()
        .filter(r -> r.sensorId().equals(sensor) && r.ts().isBefore(at) && r.tempC() != null)
        .reduce((a, b) -> b)
        .orElseThrow()
        .tempC();
  }

  /** The first OK value from {@code i} on in direction {@code step}: skips isolated CRC errors. */
  private static double okValue(List<Reading> readings, int i, int step) {
    while (readings.get(i).tempC() == null) {
      i += step;
    }
    return readings.get(i).tempC();
  }

  private static int index(List<Reading> readings, LabelWindow label) {
    for (int i = 0; i < readings.size(); i++) {
      Reading r = readings.get(i);
      if (r.sensorId().equals(label.sensor()) && r.ts().equals(label.start())) {
        return i;
      }
    }
    throw new AssertionError("no reading at " + label);
  }
}
