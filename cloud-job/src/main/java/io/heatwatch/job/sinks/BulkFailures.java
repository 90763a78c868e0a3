package io.heatwatch.job.sinks;

import org.elasticsearch.rest.RestStatus;

/**
 * Which Elasticsearch answers are worth retrying: overload (429) and server faults (5xx) pass, any
 * other 4xx says the document itself is refused and sending it again gives the same answer.
 */
final class BulkFailures {
  private BulkFailures() {}

  /** Whether an item or request answered with {@code status} may succeed when sent again. */
  static boolean retryable(RestStatus status) {
    return status == null
        || status == RestStatus.TOO_MANY_REQUESTS
        || status.getStatus() >= 500
        || status.getStatus() < 400;
  }
}
