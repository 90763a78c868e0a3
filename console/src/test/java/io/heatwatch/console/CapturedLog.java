package io.heatwatch.console;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** The formatted messages one logger writes while open, for tests of what reaches the log. */
final class CapturedLog extends AbstractAppender implements AutoCloseable {
  final List<String> messages = new CopyOnWriteArrayList<>();
  private final Logger logger;

  CapturedLog(Class<?> source) {
    super("captured-" + source.getSimpleName(), null, null, true, Property.EMPTY_ARRAY);
    this.logger = (Logger) LogManager.getLogger(source);
    start();
    logger.addAppender(this);
  }

  @Override
  public void append(LogEvent event) {
    messages.add(event.getMessage().getFormattedMessage());
  }

  @Override
  public void close() {
    logger.removeAppender(this);
    stop();
  }
}
