package io.heatwatch.job.model;

import io.heatwatch.model.SensorConfig;

/**
 * One record of the compacted {@code heatwatch.sensor-config} topic.
 *
 * @param sensorId the record's key
 * @param config the sensor's thresholds, {@code null} for a tombstone (back to the defaults)
 */
public record ConfigUpdate(String sensorId, SensorConfig config) {}
