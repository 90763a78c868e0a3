package io.heatwatch.watchdog;

import io.heatwatch.model.Pipeline.Stage;
import java.time.Instant;

/**
 * What the watchdog knows of one stage.
 *
 * @param stage the stage
 * @param state ok, stalled or unknown
 * @param since when the stage entered this state
 * @param detail why, in words
 */
public record StageView(Stage stage, State state, Instant since, String detail) {
  public StageView {
    if (stage == null || state == null || since == null || detail == null) {
      throw new IllegalArgumentException(
          "stage, state, since and detail are required, got " + stage + ", " + state);
    }
  }

  /** A stage's state as /health names it (lower case). */
  public enum State {
    OK,
    STALLED,
    UNKNOWN
  }

  /** The stage in words, for alarms and the status line. */
  static String words(Stage stage) {
    return switch (stage) {
      case BROKER -> "the MQTT broker";
      case BRIDGE -> "the MQTT-to-Kafka bridge (Connect source)";
      case KAFKA -> "Kafka";
      case JOB -> "the Flink job";
      case ELASTICSEARCH -> "Elasticsearch";
    };
  }
}
