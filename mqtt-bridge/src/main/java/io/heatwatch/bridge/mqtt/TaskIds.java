package io.heatwatch.bridge.mqtt;

/** Keys the connector adds to each task's configuration. */
public final class TaskIds {
  /** The task's index, so each task has its own stable MQTT client id. */
  public static final String TASK_ID = "task.id";

  private TaskIds() {}
}
