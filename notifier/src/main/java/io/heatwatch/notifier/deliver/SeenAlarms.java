package io.heatwatch.notifier.deliver;

import io.heatwatch.model.Alarm;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The latest version of the most recently notified alarms, for the acknowledgement page. */
final class SeenAlarms {
  static final int MAX = 10_000;

  private final Map<String, Alarm> alarms =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Alarm> eldest) {
          return size() > MAX;
        }
      };

  synchronized void remember(Alarm alarm) {
    Alarm known = alarms.get(alarm.alarmId());
    if (known == null || known.version() <= alarm.version()) {
      alarms.put(alarm.alarmId(), alarm);
    }
  }

  synchronized Optional<Alarm> get(String alarmId) {
    return Optional.ofNullable(alarms.get(alarmId));
  }
}
