package io.heatwatch.job.device;

import io.heatwatch.model.DeviceStatus;
import java.time.Instant;

/**
 * The latest state of one device, as the {@code heatwatch-devices} index shows it.
 *
 * @param site site id
 * @param deviceId device id, the document id
 * @param online whether the device is considered connected
 * @param lastSeen processing time of its latest reading or ONLINE status
 * @param status its latest status message, {@code null} before the first
 * @param updatedAt processing time of this view
 */
public record DeviceView(
    String site,
    String deviceId,
    boolean online,
    Instant lastSeen,
    DeviceStatus status,
    Instant updatedAt) {}
