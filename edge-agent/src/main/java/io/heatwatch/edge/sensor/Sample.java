package io.heatwatch.edge.sensor;

import io.heatwatch.model.Quality;

/**
 * One read of one sensor, before it gets a sequence number.
 *
 * @param sensorId the sensor's id
 * @param tempC the temperature in °C, {@code null} when the sensor gave no value
 * @param quality how far the value can be trusted
 */
public record Sample(String sensorId, Double tempC, Quality quality) {}
