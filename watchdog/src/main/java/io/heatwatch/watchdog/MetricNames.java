package io.heatwatch.watchdog;

/**
 * The names of the watchdog's CloudWatch metrics (Embedded Metric Format, one line a minute), which
 * {@code terraform/} alarms on: one definition for both.
 */
final class MetricNames {
  /** CloudWatch namespace. */
  static final String NAMESPACE = "heatwatch";

  /** The one dimension: which stack (e.g. prod). */
  static final String DIMENSION_STACK = "Stack";

  /** Seconds since the freshest canary that came all the way through was published. */
  static final String CANARY_AGE_SECONDS = "CanaryAgeSeconds";

  /** Stages named stalled now (0 when the canary flows). */
  static final String STALLED_STAGES = "StalledStages";

  /** Restarts of the Connect source connector/tasks by the watchdog since it started. */
  static final String CONNECT_TASK_RESTARTS = "ConnectTaskRestarts";

  /** Connect source tasks FAILED at the last check. */
  static final String CONNECT_TASK_FAILED = "ConnectTaskFailed";

  /** Restarts of the Flink job (its numRestarts). */
  static final String JOB_RESTARTS = "JobRestarts";

  /** 1 when the Flink job is not RUNNING, else 0. */
  static final String JOB_NOT_RUNNING = "JobNotRunning";

  /** The broker's stored messages in bytes as a percentage of broker.queue.max-bytes. */
  static final String BROKER_QUEUE_FILL = "BrokerQueueFill";

  private MetricNames() {}
}
