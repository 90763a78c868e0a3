package io.heatwatch.bridge.convert;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Bounds the distinct sensor ids a device may present: every stage behind the bridge keeps state
 * per sensor, so one device inventing ids would grow it without bound. Remembers the ids each
 * device used within {@code expiry} (by the bridge's receive time), for at most {@code maxDevices}
 * devices, forgetting the least recently seen device first; memory is bounded by maxDevices x
 * maxSensorsPerDevice ids. A forgotten device starts afresh. Not thread-safe: the task's poll
 * thread alone routes.
 */
public final class DeviceSensors {
  private final int maxSensorsPerDevice;
  private final int maxDevices;
  private final Duration expiry;
  private final LinkedHashMap<String, Map<String, Instant>> devices;

  /**
   * @param maxSensorsPerDevice distinct ids a device may present within {@code expiry}
   * @param maxDevices devices remembered at once
   * @param expiry how long an id counts after it was last seen
   */
  public DeviceSensors(int maxSensorsPerDevice, int maxDevices, Duration expiry) {
    if (maxSensorsPerDevice < 1 || maxDevices < 1 || expiry.isNegative() || expiry.isZero()) {
      throw new IllegalArgumentException(
          "maxSensorsPerDevice "
              + maxSensorsPerDevice
              + ", maxDevices "
              + maxDevices
              + " and expiry "
              + expiry
              + " must be positive");
    }
    this.maxSensorsPerDevice = maxSensorsPerDevice;
    this.maxDevices = maxDevices;
    this.expiry = expiry;
    this.devices =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Map<String, Instant>> eldest) {
            return size() > DeviceSensors.this.maxDevices;
          }
        };
  }

  /**
   * Admits readings of {@code deviceId} from {@code sensorIds} seen at {@code now} and remembers
   * the ids; returns null, or why they are refused (then nothing is remembered).
   */
  String admit(String deviceId, Collection<String> sensorIds, Instant now) {
    Map<String, Instant> known = devices.get(deviceId);
    if (known == null) {
      known = new HashMap<>();
    }
    Set<String> unknown = new LinkedHashSet<>();
    for (String id : sensorIds) {
      if (!known.containsKey(id)) {
        unknown.add(id);
      }
    }
    if (known.size() + unknown.size() > maxSensorsPerDevice) {
      expire(known, now);
      if (known.size() + unknown.size() > maxSensorsPerDevice) {
        return "device "
            + deviceId
            + " presents sensor ids "
            + shortList(unknown)
            + " beyond its "
            + known.size()
            + " known ones; at most "
            + maxSensorsPerDevice
            + " distinct sensor ids per device within "
            + expiry.toDays()
            + " days";
      }
    }
    for (String id : sensorIds) {
      known.put(id, now);
    }
    devices.put(deviceId, known);
    return null;
  }

  /** Devices remembered now. */
  int trackedDevices() {
    return devices.size();
  }

  private void expire(Map<String, Instant> known, Instant now) {
    Instant oldest = now.minus(expiry);
    for (Iterator<Instant> seen = known.values().iterator(); seen.hasNext(); ) {
      if (seen.next().isBefore(oldest)) {
        seen.remove();
      }
    }
  }

  private static String shortList(Set<String> ids) {
    String text = String.join(",", ids);
    return text.length() <= 200 ? text : text.substring(0, 199) + "…";
  }
}
