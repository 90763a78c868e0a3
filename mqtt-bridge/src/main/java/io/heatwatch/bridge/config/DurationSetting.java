package io.heatwatch.bridge.config;

import io.heatwatch.model.Durations;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A heatwatch duration setting of a connector, in heatwatch's one syntax ({@code 30 s}, {@link
 * Durations}). Its key keeps the unit suffix deployed connector configs have ({@code .ms}, {@code
 * .seconds}), so a bare number, as those configs hold, is still read in that unit.
 */
final class DurationSetting implements ConfigDef.Validator {
  private final ChronoUnit bareUnit;
  private final Duration min;
  private final Duration max;

  DurationSetting(ChronoUnit bareUnit, Duration min, Duration max) {
    this.bareUnit = bareUnit;
    this.min = min;
    this.max = max;
  }

  /** {@code value}, the value of {@code key}, as a duration. */
  Duration read(String key, Object value) {
    String text = String.valueOf(value).trim();
    if (text.matches("\\d{1,18}")) {
      return Duration.of(Long.parseLong(text), bareUnit);
    }
    try {
      return Durations.parse(key, text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, value, e.getMessage());
    }
  }

  @Override
  public void ensureValid(String name, Object value) {
    Duration d = read(name, value);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new ConfigException(
          name,
          value,
          "must be between " + Durations.format(min) + " and " + Durations.format(max));
    }
  }

  @Override
  public String toString() {
    return Durations.format(min)
        + " to "
        + Durations.format(max)
        + ", e.g. 30 s (a bare number is in "
        + bareUnit.toString().toLowerCase(Locale.ROOT)
        + ")";
  }
}
