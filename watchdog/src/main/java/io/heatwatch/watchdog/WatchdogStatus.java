package io.heatwatch.watchdog;

import io.heatwatch.model.Pipeline.Stage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One picture of the pipeline, for /health, the metrics line and the demo's status line.
 *
 * @param status ok (every stage passed the canary lately), degraded (a stage is down or unknown, or
 *     a warning stands, but no stall) or stalled (PIPELINE_STALLED is open)
 * @param stages every stage in order
 * @param stalled the stage named stalled
 * @param reason why, in words; empty when ok
 * @param canaryAgeS seconds since the freshest canary that came all the way through was published
 * @param connectState the source connector's state
 * @param connectRestarts restarts the watchdog made
 * @param connectFailedTasks FAILED tasks at the last check
 * @param jobState the Flink job's state
 * @param jobRestarts the job's restarts, -1 when unknown
 * @param kafkaLag the job group's lag on the readings topic
 * @param brokerQueueBytes the broker's stored bytes ($SYS, Mosquitto only)
 * @param brokerQueueMessages the broker's stored messages ($SYS, Mosquitto only)
 * @param brokerQueueMaxBytes broker.queue.max-bytes, 0 when unknown
 * @param warnings warnings in words (e.g. the broker queue past half its bound)
 */
public record WatchdogStatus(
    String status,
    List<StageView> stages,
    Optional<Stage> stalled,
    String reason,
    long canaryAgeS,
    String connectState,
    long connectRestarts,
    int connectFailedTasks,
    String jobState,
    long jobRestarts,
    OptionalLong kafkaLag,
    OptionalLong brokerQueueBytes,
    OptionalLong brokerQueueMessages,
    long brokerQueueMaxBytes,
    List<String> warnings) {

  /** The broker's queue fill in percent of its bound, empty when either is unknown. */
  OptionalLong brokerQueueFillPercent() {
    if (brokerQueueMaxBytes <= 0 || brokerQueueBytes.isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(brokerQueueBytes.getAsLong() * 100 / brokerQueueMaxBytes);
  }

  /**
   * One line for a terminal: each stage's state, the task, the job, the lag and the canary age, and
   * in words which one is wrong.
   */
  public String line() {
    StringBuilder b = new StringBuilder("pipeline ").append(status);
    for (StageView s : stages) {
      b.append("  ").append(s.stage().id()).append(' ').append(s.state().name().toLowerCase());
    }
    b.append("  | task ").append(connectState);
    if (connectRestarts > 0) {
      b.append(" (").append(connectRestarts).append(" restarts)");
    }
    b.append("  job ").append(jobState);
    if (jobRestarts > 0) {
      b.append(" (").append(jobRestarts).append(" restarts)");
    }
    b.append("  lag ").append(kafkaLag.isPresent() ? String.valueOf(kafkaLag.getAsLong()) : "?");
    b.append("  canary ").append(canaryAgeS).append(" s");
    if (!reason.isEmpty()) {
      b.append("  — ").append(reason);
    }
    for (String w : warnings) {
      b.append("  — ").append(w);
    }
    return b.toString();
  }
}
