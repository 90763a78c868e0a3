package io.heatwatch.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that keeps the formatted WARN and ERROR lines, for tests of what gets logged. */
public final class RecordingLogger extends LegacyAbstractLogger {
  public final List<String> lines = new CopyOnWriteArrayList<>();

  public RecordingLogger() {
    this.name = "recording";
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] args, Throwable t) {
    lines.add(
        level
            + " "
            + MessageFormatter.basicArrayFormat(pattern, args)
            + (t == null ? "" : " [" + t.getClass().getSimpleName() + "]"));
  }

  @Override
  public boolean isTraceEnabled() {
    return false;
  }

  @Override
  public boolean isDebugEnabled() {
    return false;
  }

  @Override
  public boolean isInfoEnabled() {
    return false;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
