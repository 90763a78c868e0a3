package io.heatwatch.local;

import io.heatwatch.model.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Reads a duration option in heatwatch's one syntax ({@code 10 min}, {@code 90 s}). */
final class DurationOption implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return Durations.parse("--duration", value);
  }
}
