package io.heatwatch.edge.gpio;

/**
 * BCM GPIO numbers of the outputs, {@code null} for outputs that are not wired.
 *
 * @param alarmLed LED lit while an alarm is open
 * @param buzzer buzzer sounding while an alarm is open
 * @param sensorPower pin powering the sensors (through a transistor), for power-cycling the bus
 */
public record GpioPins(Integer alarmLed, Integer buzzer, Integer sensorPower) {
  /** Nothing wired. */
  public static final GpioPins NONE = new GpioPins(null, null, null);

  /** Whether any output is wired. */
  public boolean any() {
    return alarmLed != null || buzzer != null || sensorPower != null;
  }
}
