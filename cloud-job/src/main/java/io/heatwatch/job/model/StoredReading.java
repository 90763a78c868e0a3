package io.heatwatch.job.model;

import io.heatwatch.model.Reading;
import java.time.Instant;
import java.util.Objects;

/**
 * A de-duplicated reading as it is stored in Elasticsearch.
 *
 * @param reading the reading
 * @param late whether it arrived behind the watermark, so no window counted it
 * @param ingestedAt processing time at which the job passed it on
 */
public record StoredReading(Reading reading, boolean late, Instant ingestedAt) {

  public StoredReading {
    Objects.requireNonNull(reading, "reading");
    Objects.requireNonNull(ingestedAt, "ingestedAt");
  }
}
