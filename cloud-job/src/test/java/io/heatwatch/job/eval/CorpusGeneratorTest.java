package io.heatwatch.job.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.job.eval.CorpusGenerator.Case;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Reading;
import java.time.Duration;
import java.util.List;
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
