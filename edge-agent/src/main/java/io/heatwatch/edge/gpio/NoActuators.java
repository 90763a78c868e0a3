package io.heatwatch.edge.gpio;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A device without wired outputs (a laptop, a Pi without LED): says so once, then does nothing. */
public final class NoActuators implements Actuators {
  private static final Logger LOG = LoggerFactory.getLogger(NoActuators.class);

  public NoActuators(String why) {
    LOG.info("no GPIO outputs: alarm LED, buzzer and sensor power-cycling are off ({})", why);
  }

  @Override
  public void alarm(boolean on) {}

  @Override
  public void powerCycleSensors() {}

  @Override
  public void close() {}
}
