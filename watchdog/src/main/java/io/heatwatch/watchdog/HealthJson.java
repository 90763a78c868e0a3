package io.heatwatch.watchdog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The JSON forms of a {@link WatchdogStatus}: the /health document (the console reads this shape)
 * and the CloudWatch Embedded Metric Format line.
 */
final class HealthJson {
  private HealthJson() {}

  /** The /health document. */
  static Map<String, Object> health(WatchdogStatus s) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("status", s.status());
    List<Map<String, Object>> stages = new ArrayList<>();
    for (StageView v : s.stages()) {
      Map<String, Object> stage = new LinkedHashMap<>();
      stage.put("stage", v.stage().id());
      stage.put("state", v.state().name().toLowerCase(Locale.ROOT));
      stage.put("since", v.since().toString());
      stage.put("detail", v.detail());
      stages.add(stage);
    }
    doc.put("stages", stages);
    doc.put("stalled", s.stalled().map(st -> st.id()).orElse(null));
    doc.put("reason", s.reason());
    doc.put("canaryAgeS", s.canaryAgeS());
    doc.put(
        "connect",
        Map.of(
            "state", s.connectState(),
            "taskRestarts", s.connectRestarts(),
            "failedTasks", s.connectFailedTasks()));
    doc.put("job", Map.of("state", s.jobState(), "restarts", s.jobRestarts()));
    doc.put("kafkaLag", orNull(s.kafkaLag()));
    Map<String, Object> broker = new LinkedHashMap<>();
    broker.put("queueBytes", orNull(s.brokerQueueBytes()));
    broker.put("queueMessages", orNull(s.brokerQueueMessages()));
    broker.put("queueMaxBytes", s.brokerQueueMaxBytes());
    broker.put("queueFillPercent", orNull(s.brokerQueueFillPercent()));
    doc.put("broker", broker);
    doc.put("warnings", s.warnings());
    return doc;
  }

  /** One CloudWatch EMF event: namespace heatwatch, dimension Stack, the metrics of MetricNames. */
  static Map<String, Object> emf(WatchdogStatus s, String stack, Instant now) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(MetricNames.CANARY_AGE_SECONDS, s.canaryAgeS());
    values.put(MetricNames.STALLED_STAGES, s.stalled().isPresent() ? 1 : 0);
    values.put(MetricNames.CONNECT_TASK_RESTARTS, s.connectRestarts());
    values.put(MetricNames.CONNECT_TASK_FAILED, s.connectFailedTasks());
    values.put(MetricNames.JOB_RESTARTS, Math.max(0, s.jobRestarts()));
    values.put(MetricNames.JOB_NOT_RUNNING, "RUNNING".equals(s.jobState()) ? 0 : 1);
    values.put(MetricNames.BROKER_QUEUE_FILL, s.brokerQueueFillPercent().orElse(0));
    List<Map<String, String>> metrics = new ArrayList<>();
    for (String name : values.keySet()) {
      metrics.add(Map.of("Name", name, "Unit", unit(name)));
    }
    Map<String, Object> directive = new LinkedHashMap<>();
    directive.put("Namespace", MetricNames.NAMESPACE);
    directive.put("Dimensions", List.of(List.of(MetricNames.DIMENSION_STACK)));
    directive.put("Metrics", metrics);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put(
        "_aws", Map.of("Timestamp", now.toEpochMilli(), "CloudWatchMetrics", List.of(directive)));
    line.put(MetricNames.DIMENSION_STACK, stack);
    line.putAll(values);
    return line;
  }

  private static String unit(String metric) {
    return switch (metric) {
      case MetricNames.CANARY_AGE_SECONDS -> "Seconds";
      case MetricNames.BROKER_QUEUE_FILL -> "Percent";
      default -> "Count";
    };
  }

  private static Long orNull(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : null;
  }
}
