package io.heatwatch.edge.sensor;

import java.util.List;
import java.util.function.Supplier;

/** The sensors to read on a tick, and how many of them the configuration names. */
@FunctionalInterface
public interface SensorSource extends Supplier<List<Sensor>> {
  /** The sensors to read now. */
  @Override
  List<Sensor> get();

  /**
   * How many sensors the configuration names (reported in the heartbeat); 0 when it names none and
   * the agent reads whatever it finds.
   */
  default int configured() {
    return 0;
  }

  /** A fixed list of sensors, every one of them configured (simulated sensors). */
  static SensorSource fixed(List<Sensor> sensors) {
    List<Sensor> copy = List.copyOf(sensors);
    return new SensorSource() {
      @Override
      public List<Sensor> get() {
        return copy;
      }

      @Override
      public int configured() {
        return copy.size();
      }
    };
  }
}
