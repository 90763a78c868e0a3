package io.heatwatch.job.detect;

import io.heatwatch.model.Alarm.Severity;

/**
 * What one detector concluded from one reading.
 *
 * @param condition whether the alarm's condition holds
 * @param severity how urgent, if it holds
 * @param value the value the detector judged (a temperature, a rate, a z-score...)
 * @param threshold what it was compared with
 * @param template the alarm's message, a {@link String#format} pattern over the subject's name
 *     ({@code %1$s}), {@code value} ({@code %2$.2f}) and {@code threshold} ({@code %3$.2f});
 *     formatted only when an alarm changes, not for every reading
 */
public record Signal(
    Condition condition, Severity severity, double value, double threshold, String template) {

  /** The message for an alarm about {@code subject}. */
  public String message(String subject) {
    return template.isEmpty()
        ? ""
        // Locale.US, not ROOT: the same text, but Java 17's Formatter builds DecimalFormatSymbols
        // for every number in any locale but US, a large part of an alarm's cost.
        : String.format(java.util.Locale.US, template, subject, value, threshold);
  }

  /** Whether a condition holds; {@link #HOLD} is the hysteresis band between open and clear. */
  public enum Condition {
    /** The condition holds: an alarm opens (after the minimum duration) or stays open. */
    ACTIVE,
    /** Neither opens nor clears: an open alarm stays open, a pending one starts over. */
    HOLD,
    /** The condition is over: an open alarm clears. */
    INACTIVE
  }

  /** The condition is over. */
  public static Signal inactive(double value, double threshold, String template) {
    return new Signal(Condition.INACTIVE, Severity.WARNING, value, threshold, template);
  }

  /** The hysteresis band. */
  static Signal hold(double value, double threshold) {
    return new Signal(Condition.HOLD, Severity.WARNING, value, threshold, "");
  }

  /** The condition holds. */
  public static Signal active(Severity severity, double value, double threshold, String template) {
    return new Signal(Condition.ACTIVE, severity, value, threshold, template);
  }
}
