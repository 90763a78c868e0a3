package io.heatwatch.edge.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.heatwatch.edge.clock.Sleeper;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The outputs through Pi4J; the mock platform stands in for the Pi in tests. */
public final class Pi4jActuators implements Actuators {
  private static final Logger LOG = LoggerFactory.getLogger(Pi4jActuators.class);

  /** Long enough for the DS18B20s' supply capacitors to drain. */
  static final Duration POWER_OFF = Duration.ofSeconds(2);

  private final Context pi4j;
  private final DigitalOutput led;
  private final DigitalOutput buzzer;
  private final DigitalOutput sensorPower;
  private final Sleeper sleeper;

  /** {@code sleeper} waits while the sensor power is off; tests pass one that does not. */
  public Pi4jActuators(Context pi4j, GpioPins pins, Sleeper sleeper) {
    this.pi4j = pi4j;
    this.sleeper = sleeper;
    this.led = output(pi4j, "alarm-led", pins.alarmLed(), DigitalState.LOW);
    this.buzzer = output(pi4j, "buzzer", pins.buzzer(), DigitalState.LOW);
    this.sensorPower = output(pi4j, "sensor-power", pins.sensorPower(), DigitalState.HIGH);
  }

  private static DigitalOutput output(Context pi4j, String id, Integer pin, DigitalState initial) {
    if (pin == null) {
      return null;
    }
    return pi4j.create(
        DigitalOutput.newConfigBuilder(pi4j)
            .id(id)
            .name(id)
            .address(pin)
            .initial(initial)
            .shutdown(DigitalState.LOW));
  }

  @Override
  public void alarm(boolean on) {
    DigitalState state = on ? DigitalState.HIGH : DigitalState.LOW;
    if (led != null) {
      led.state(state);
    }
    if (buzzer != null) {
      buzzer.state(state);
    }
  }

  @Override
  public void powerCycleSensors() {
    if (sensorPower == null) {
      LOG.warn("1-Wire bus looks hung but no sensor-power pin is configured (gpio.sensorPower)");
      return;
    }
    LOG.warn("1-Wire bus looks hung: power-cycling the sensors");
    sensorPower.low();
    try {
      sleeper.sleep(POWER_OFF);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sensorPower.high();
    }
  }

  @Override
  public void close() {
    pi4j.shutdown();
  }
}
