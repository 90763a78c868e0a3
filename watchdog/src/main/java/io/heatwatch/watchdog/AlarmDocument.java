package io.heatwatch.watchdog;

import io.heatwatch.model.Alarm;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alarm as the job stores it in {@code heatwatch-alarms} (cloud-job {@code
 * AlarmEmitter.document}, mapped by {@code index-templates/heatwatch-alarms.json}).
 */
final class AlarmDocument {
  private AlarmDocument() {}

  static Map<String, Object> of(Alarm alarm) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("v", alarm.v());
    doc.put("alarmId", alarm.alarmId());
    doc.put("version", alarm.version());
    doc.put("site", alarm.site());
    doc.put("deviceId", alarm.deviceId());
    doc.put("sensorId", alarm.sensorId());
    doc.put("kind", alarm.kind().name());
    doc.put("severity", alarm.severity().name());
    doc.put("state", alarm.state().name());
    doc.put("openedAt", text(alarm.openedAt()));
    doc.put("updatedAt", text(alarm.updatedAt()));
    doc.put("clearedAt", text(alarm.clearedAt()));
    doc.put("ackedBy", alarm.ackedBy());
    doc.put("ackComment", alarm.ackComment());
    doc.put("value", alarm.value());
    doc.put("threshold", alarm.threshold());
    doc.put("message", alarm.message());
    return doc;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
