package io.heatwatch.edge.sensor;

import java.time.Instant;

/**
 * Ground truth of one injected episode, for scoring the cloud's detection.
 *
 * @param sensorId the sensor
 * @param kind SPIKE, RAMP, FLATLINE or FAULT
 * @param start event time of the first affected reading
 * @param end event time of the last affected reading
 * @param magnitude see {@link Anomaly#magnitude()}
 */
public record Label(String sensorId, String kind, Instant start, Instant end, double magnitude) {}
