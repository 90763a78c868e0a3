package io.heatwatch.job.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.heatwatch.job.eval.EvaluateDetection.Evaluation;
import io.heatwatch.job.eval.Scoring.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scores the real temperature logs (docs/detection-real-corpus.md) with each sensor's profile from
 * its {@code .meta.json}. The CSVs are third-party data that is fetched, not committed, so this is
 * no {@code *Test} of the build: {@code ./mvnw -Preal-corpus} runs it, and it fails, naming
 * fetch.sh, when a CSV is missing or is not the pinned one.
 */
class RealCorpusCheck {
  static final Path DIR = Path.of("src/test/resources/corpus/real");
  static final List<String> FILES =
      List.of(
          "nab-machine-temperature",
          "nab-office-ambient",
          "uci-occupancy-office",
          "uci-appliances-house");

  /** The aim for real clean logs. */
  static final double MAX_FALSE_ALARMS_PER_SENSOR_WEEK = 0.1;

  @Test
  void theRealLogsRaiseAtMostOneFalseAlarmInTenCleanSensorWeeks() throws Exception {
    Map<String, String> pinned = pinnedChecksums();
    Evaluation evaluation = new Evaluation(EvaluateDetection.thresholds(Map.of()));
    for (String name : FILES) {
      Path csv = DIR.resolve(name + ".csv");
      if (!Files.exists(csv)) {
        fail(
            csv.toAbsolutePath()
                + " is missing: the real corpus is third-party data that is not committed; run"
                + " `sh cloud-job/src/test/resources/corpus/real/fetch.sh` (needs internet) first");
      }
      assertThat(sha256(csv))
          .as(csv + " is not the pinned file of CHECKSUMS; run fetch.sh again")
          .isEqualTo(pinned.get(name + ".csv"));
      evaluation.add(
          name + "/",
          SeriesCsv.read(csv),
          Labels.read(DIR.resolve(name + ".labels.json")),
          CaseMeta.read(CaseMeta.of(csv)));
    }

    Result result = evaluation.score(EvaluateDetection.DEFAULT_GRACE);
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
    Report.print(
        result,
        evaluation.scoreByProfile(EvaluateDetection.DEFAULT_GRACE),
        EvaluateDetection.DEFAULT_GRACE,
        out);
    String report = text.toString(StandardCharsets.UTF_8);
    System.out.println(report);
    Report.list(result, System.out);

    assertThat(result.falseAlarmsPerSensorWeek())
        .as("false alarms per clean sensor-week on the real corpus%n%s", report)
        .isLessThanOrEqualTo(MAX_FALSE_ALARMS_PER_SENSOR_WEEK);
  }

  /** The {@code repo} lines of CHECKSUMS: file name to SHA-256. */
  private static Map<String, String> pinnedChecksums() throws IOException {
    Map<String, String> sums = new HashMap<>();
    for (String line : Files.readAllLines(DIR.resolve("CHECKSUMS"))) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3 && f[0].equals("repo")) {
        sums.put(f[2], f[1]);
      }
    }
    return sums;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
