package io.heatwatch.console.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.model.Pipeline;
import java.time.Instant;

/** How the live view reads the reading and alarm documents it polls. */
final class ReadingDocs {
  private ReadingDocs() {}

  /**
   * Whether a document is the canary's. The job keeps canary readings in their own index; one that
   * reached the fleet's indices anyway is still never a sensor, a device or an alarm of the fleet.
   */
  static boolean canary(JsonNode doc) {
    return Pipeline.isCanary(doc.path("deviceId").asText());
  }

  /**
   * Whether {@code reading} arrived after {@code known}: by {@code ingestedAt}, then by the
   * device's {@code seq}. Device time decides nothing here, since a device clock can be anything.
   */
  static boolean arrivedAfter(JsonNode reading, JsonNode known) {
    int byArrival =
        Instant.parse(reading.path("ingestedAt").asText())
            .compareTo(Instant.parse(known.path("ingestedAt").asText()));
    return byArrival > 0
        || (byArrival == 0 && reading.path("seq").asLong() > known.path("seq").asLong());
  }
}
