package io.heatwatch.edge.log;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that keeps each line it is given, as "LEVEL message", for tests to read. */
public final class CapturedLog extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  /** The lines logged so far, oldest first. */
  public final List<String> lines = new CopyOnWriteArrayList<>();

  public CapturedLog() {
    this.name = "captured";
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, arguments));
  }

  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
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
