package io.heatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Thresholds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.Test;

/**
 * The settings are defined once, in {@link JobOptions}; the README's table is rendered from them
 * here (as kafka-connect-spooldir's DocumentationTest renders its docs from the ConfigDef).
 */
class JobOptionsTest {
  private static final Path README = Path.of("README.md");

  @Test
  void readmeListsEverySettingAsJobOptionsDefinesIt() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String table = table();

    assertThat(readme.contains(table))
        .as(
            "cloud-job/README.md must contain the settings table rendered from JobOptions:\n%s",
            table)
        .isTrue();
  }

  @Test
  void everySettingHasAKeyOfOneSpellingAndADescription() {
    assertThat(JobOptions.ALL)
        .allSatisfy(
            option -> {
              assertThat(option.key()).matches("[a-z]+(-[a-z]+)*(\\.[a-z]+(-[a-z]+)*)*");
              assertThat(meaning(option)).isNotBlank();
            });
    assertThat(JobOptions.ALL.stream().map(ConfigOption::key)).doesNotHaveDuplicates();
  }

  @Test
  void theDefaultThresholdsAreTheModelsDefaults() {
    Thresholds defaults = Thresholds.DEFAULTS;

    assertThat(JobOptions.HIGH_THRESHOLD.defaultValue()).isEqualTo(defaults.highC());
    assertThat(JobOptions.LOW_THRESHOLD.defaultValue()).isEqualTo(defaults.lowC());
    assertThat(JobOptions.CLEAR_HYSTERESIS.defaultValue()).isEqualTo(defaults.hysteresisC());
    assertThat(JobOptions.MAX_RATE.defaultValue()).isEqualTo(defaults.maxRateCPerMin());
    assertThat(JobOptions.MIN_DURATION.defaultValue())
        .isEqualTo(Duration.ofMillis(defaults.minDurationMs()));
    assertThat(JobOptions.SPIKE_Z.defaultValue()).isEqualTo(defaults.spikeZ());
    assertThat(JobOptions.SPIKE_MIN_DELTA.defaultValue()).isEqualTo(defaults.spikeMinDeltaC());
    assertThat(JobOptions.FLATLINE.defaultValue())
        .isEqualTo(Duration.ofMillis(defaults.flatlineMs()));
    assertThat(JobOptions.FAULT_BURST.defaultValue()).isEqualTo(defaults.faultBurst());
  }

  /** The markdown table of every setting: key, default ("—" for none), description. */
  static String table() {
    return JobOptions.ALL.stream()
        .map(
            option ->
                "| `%s` | %s | %s |".formatted(option.key(), defaultOf(option), meaning(option)))
        .collect(Collectors.joining("\n", "| key | default | meaning |\n|---|---|---|\n", "\n"));
  }

  /** The option's description: the plain text it was given. */
  private static String meaning(ConfigOption<?> option) {
    return option.description().getBlocks().stream()
        .map(block -> ((TextElement) block).getFormat())
        .collect(Collectors.joining(" "));
  }

  private static String defaultOf(ConfigOption<?> option) {
    if (!option.hasDefaultValue()) {
      return "—";
    }
    return "`" + text(option.defaultValue()) + "`";
  }

  /** A value as it is written in a setting: durations in Flink's syntax ({@code 10 s}). */
  static String text(Object value) {
    return value instanceof Duration duration
        ? TimeUtils.formatWithHighestUnit(duration)
        : String.valueOf(value);
  }
}
