package io.heatwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.SensorProfile;
import io.heatwatch.model.Thresholds;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The profiles table of docs/detection.md ("## Profiles") is {@link SensorProfile}'s defaults, as
 * rendered here; the message of a failure is the table to paste. Here rather than in
 * telemetry-model, which does not read the docs.
 */
class ProfilesDocTest {
  private static final Path DOC = Path.of("../docs/detection.md");

  @Test
  void theProfilesTableIsTheDefinition() throws IOException {
    List<String> documented =
        section().lines().filter(l -> l.startsWith("|")).map(String::strip).toList();

    assertThat(String.join("\n", documented))
        .as("docs/detection.md ## Profiles table; expected:\n" + String.join("\n", table()))
        .isEqualTo(String.join("\n", table()));
  }

  @Test
  void everyProfileHasItsReasoning() throws IOException {
    String section = section();
    for (SensorProfile profile : SensorProfile.values()) {
      assertThat(section).as(profile.key()).contains("**" + profile.key() + "**");
    }
  }

  /** The table's lines: a header, the rule, one row per profile in declaration order. */
  static List<String> table() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| profile | HIGH above | LOW below | hysteresis | alarm delay | max rate | stuck after"
            + " | detectors | defrost up to | defrost ceiling | defrost schedule"
            + " | EXPOSURE limit | EXPOSURE window |");
    lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (SensorProfile profile : SensorProfile.values()) {
      Thresholds t = profile.thresholds(Thresholds.DEFAULTS);
      boolean exposure = t.exposureMaxMs() > 0;
      lines.add(
          "| "
              + String.join(
                  " | ",
                  "`" + profile.key() + "`",
                  celsius(t.highC()),
                  celsius(t.lowC()),
                  number(t.hysteresisC()) + " K",
                  duration(t.minDurationMs()),
                  t.checks(AlarmKind.RATE_OF_CHANGE)
                      ? number(t.maxRateCPerMin() * 60) + " °C/h"
                      : "—",
                  duration(t.flatlineMs()),
                  Arrays.stream(AlarmKind.values())
                      .filter(t::checks)
                      .map(Enum::name)
                      .collect(Collectors.joining(" ")),
                  t.defrosts() ? duration(t.defrostMaxMs()) : "—",
                  t.defrosts() && Double.isFinite(t.defrostCeilingC())
                      ? celsius(t.defrostCeilingC())
                      : "—",
                  !t.defrosts()
                      ? "—"
                      : t.defrostEveryMs() == 0
                          ? "learned"
                          : "every " + duration(t.defrostEveryMs()),
                  exposure ? duration(t.exposureMaxMs()) : "—",
                  exposure ? duration(t.exposureWindowMs()) : "—")
              + " |");
    }
    return lines;
  }

  private static String section() throws IOException {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("\n## Profiles\n");
    assertThat(start).as("a ## Profiles section in " + DOC).isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  private static String celsius(double c) {
    return number(c) + " °C";
  }

  /** Shortest exact decimal, at most two places: 8, 0.5, -15, 0.33. */
  private static String number(double v) {
    BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    return d.stripTrailingZeros().toPlainString().replace("-", "−");
  }

  /** The largest whole unit, days from two on: 0, 40 s, 15 min, 6 h, 24 h, 30 d. */
  private static String duration(long ms) {
    Duration d = Duration.ofMillis(ms);
    if (ms == 0) {
      return "0";
    }
    if (d.toDays() >= 2 && d.minusDays(d.toDays()).isZero()) {
      return d.toDays() + " d";
    }
    if (d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return d.toHours() + " h";
    }
    if (d.toSecondsPart() == 0) {
      return d.toMinutes() + " min";
    }
    return d.toSeconds() + " s";
  }
}
