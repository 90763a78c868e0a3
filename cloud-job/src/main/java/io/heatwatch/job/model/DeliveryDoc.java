package io.heatwatch.job.model;

import java.util.Objects;

/**
 * One entry of the notifier's delivery log as a document of {@code heatwatch-deliveries}: one per
 * state a notification went through, so the index keeps every attempt the compacted log forgets.
 *
 * @param id the document id, {@code <notificationId>/<state>/<attempts>}: a replay overwrites
 * @param json the document, as mapped by {@code index-templates/heatwatch-deliveries.json}
 */
public record DeliveryDoc(String id, String json) {
  public DeliveryDoc {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(json, "json");
  }
}
