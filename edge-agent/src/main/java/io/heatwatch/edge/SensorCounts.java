package io.heatwatch.edge;

import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.model.Quality;
import java.time.Instant;
import java.util.List;

/**
 * What the heartbeat says about the sensors.
 *
 * @param configured sensors the configuration names
 * @param seen sensors with a good reading in the latest tick, {@code null} before the first tick
 * @param lastGoodRead when any sensor last gave a good reading, {@code null} if none has since
 *     start
 */
record SensorCounts(long configured, Long seen, Instant lastGoodRead) {
  SensorCounts {
    if (configured < 0) {
      throw new IllegalArgumentException("configured: must be >= 0 (got " + configured + ")");
    }
  }

  /** The counts after a tick at {@code now} that read {@code samples}. */
  SensorCounts after(List<Sample> samples, Instant now, long configuredNow) {
    long good = samples.stream().filter(s -> s.quality() == Quality.OK).count();
    return new SensorCounts(configuredNow, good, good > 0 ? now : lastGoodRead);
  }
}
