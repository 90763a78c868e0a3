package io.heatwatch.job.model;

import io.heatwatch.model.SensorConfig;

/**
 * One record of the compacted {@code heatwatch.sensor-config} topic.
 *
 * @param key the record's key: {@code deviceId/sensorId} ({@code SensorRef.key()}), or the sensor
 *     id alone in records written before sensors were named with their device
 * @param config the sensor's thresholds, {@code null} for a tombstone (back to the defaults)
 */
public record ConfigUpdate(String key, SensorConfig config) {}
