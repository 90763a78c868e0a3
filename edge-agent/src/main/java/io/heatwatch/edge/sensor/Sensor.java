package io.heatwatch.edge.sensor;

import java.time.Instant;

/** A temperature sensor the agent reads on every tick. */
public interface Sensor {
  /** The sensor's id as it appears in readings. */
  String id();

  /** Reads the sensor once; never throws for a sensor fault, which becomes the sample's quality. */
  Sample read(Instant now);
}
