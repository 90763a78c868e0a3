package io.heatwatch.edge.gpio;

/** What the agent can switch on the device: the alarm LED and buzzer, and the sensor power. */
public interface Actuators extends AutoCloseable {
  /** Turns the alarm LED and buzzer on or off. */
  void alarm(boolean on);

  /** Switches the 1-Wire bus power off and on again, to revive a hung bus. */
  void powerCycleSensors();

  @Override
  void close();
}
