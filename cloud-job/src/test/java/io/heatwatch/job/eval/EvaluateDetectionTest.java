package io.heatwatch.job.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.heatwatch.job.eval.CorpusGenerator.Case;
import io.heatwatch.job.eval.EvaluateDetection.Evaluation;
import io.heatwatch.job.eval.Scoring.KindScore;
import io.heatwatch.job.eval.Scoring.Opening;
import io.heatwatch.job.eval.Scoring.Result;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import io.heatwatch.model.SensorProfile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateDetectionTest {
  @TempDir Path dir;

  @Test
  void theJobsDetectorsCatchEveryGeneratedSpikeOfADay() throws Exception {
    Case spikes =
        CorpusGenerator.generate("spike", 11, 1, Duration.ofDays(1), Duration.ofSeconds(10));
    Path csv = dir.resolve("spike.csv");
    try (StringWriter out = new StringWriter()) {
      SeriesCsv.write(out, spikes.readings());
      Files.writeString(csv, out.toString());
    }
    Path labels = dir.resolve("spike.labels.json");
    Labels.write(labels, spikes.labels());

    Evaluation evaluation = new Evaluation(EvaluateDetection.thresholds(Map.of()));
    evaluation.add("", SeriesCsv.read(csv), Labels.read(labels));
    Result result = evaluation.score(EvaluateDetection.DEFAULT_GRACE);

    KindScore spike = result.kinds().get(AlarmKind.SPIKE);
    assertThat(spike.labels()).isEqualTo(spikes.labels().size());
    assertThat(spike.recall()).isEqualTo(1.0);
    assertThat(Scoring.percentile(spike.delayReadings(), 50)).isZero();
    assertThat(result.kinds()).doesNotContainKey(AlarmKind.RATE_OF_CHANGE);
  }

  @Test
  void eachSensorRunsWithTheProfileAndOverridesOfItsMetaFile() throws Exception {
    Path csv = dir.resolve("warm.csv");
    StringBuilder rows = new StringBuilder();
    for (int m = 0; m <= 30; m++) {
      for (String sensor : List.of("fridge", "room", "machine")) {
        rows.append(Instant.parse("2026-01-05T00:00:00Z").plusSeconds(60L * m))
            .append(",13.0,")
            .append(sensor)
            .append('\n');
      }
    }
    Files.writeString(csv, rows.toString());
    Files.writeString(
        CaseMeta.of(csv),
        "{\"sensors\":{\"fridge\":{\"profile\":\"fridge\"},"
            + "\"machine\":{\"profile\":\"fridge\",\"highC\":50}}}");
    Evaluation evaluation = new Evaluation(EvaluateDetection.thresholds(Map.of()));

    evaluation.add("", SeriesCsv.read(csv), List.of(), CaseMeta.read(CaseMeta.of(csv)));

    // 13 °C for 30 min: above a fridge's HIGH of 8 °C and its defrost ceiling of 12 °C (so no
    // defrost: opens after its 10 min), not above the job's default 35 °C (room, no meta entry)
    // nor the machine's own 50 °C.
    Result all = evaluation.score(EvaluateDetection.DEFAULT_GRACE);
    assertThat(all.kinds().get(AlarmKind.HIGH).falseAlarms())
        .extracting(Opening::sensor, Opening::index)
        .containsExactly(tuple("fridge", 10));
    assertThat(evaluation.scoreByProfile(EvaluateDetection.DEFAULT_GRACE))
        .containsOnlyKeys(SensorProfile.FRIDGE, SensorProfile.CUSTOM);
    assertThat(
            evaluation
                .scoreByProfile(EvaluateDetection.DEFAULT_GRACE)
                .get(SensorProfile.CUSTOM)
                .kinds())
        .doesNotContainKey(AlarmKind.HIGH);
  }

  @Test
  void csvRowsWithoutValueAreFaultyAndTheSensorColumnIsOptional() throws Exception {
    Path csv = dir.resolve("s.csv");
    Files.writeString(
        csv,
        "timestamp,value,sensor,quality\n"
            + "2026-01-05T00:00:00Z,21.5\n"
            + "1767571210000,,a,CRC_ERROR\n"
            + "2026-01-05T00:00:20Z,,a\n");

    Map<String, List<Reading>> series = SeriesCsv.read(csv);

    assertThat(series.get(SeriesCsv.DEFAULT_SENSOR))
        .extracting(Reading::tempC)
        .containsExactly(21.5);
    assertThat(series.get("a"))
        .extracting(Reading::quality)
        .containsExactly(Quality.CRC_ERROR, Quality.DISCONNECTED);
  }

  @Test
  void labelsAlsoReadTheSimulatorsJsonLines() throws Exception {
    Path jsonl = dir.resolve("labels.jsonl");
    Files.writeString(
        jsonl,
        "{\"sensorId\":\"28-1\",\"kind\":\"RAMP\",\"start\":\"2026-01-05T00:00:00Z\","
            + "\"end\":\"2026-01-05T00:05:00Z\",\"magnitude\":0.5}\n"
            + "{\"sensorId\":\"28-1\",\"kind\":\"FAULT\",\"start\":1767571200000,"
            + "\"end\":1767571230000,\"magnitude\":0}\n");

    assertThat(Labels.read(jsonl))
        .containsExactly(
            new LabelWindow(
                "28-1",
                AlarmKind.RATE_OF_CHANGE,
                Instant.parse("2026-01-05T00:00:00Z"),
                Instant.parse("2026-01-05T00:05:00Z")),
            new LabelWindow(
                "28-1",
                AlarmKind.SENSOR_FAULT,
                Instant.ofEpochMilli(1767571200000L),
                Instant.ofEpochMilli(1767571230000L)));
  }
}
