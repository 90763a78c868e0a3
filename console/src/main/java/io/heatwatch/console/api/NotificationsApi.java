package io.heatwatch.console.api;

import io.heatwatch.console.kafka.DeliveryLog;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/**
 * {@code GET /api/alarms/{alarmId}/notifications}: who was told of the alarm, when, through what,
 * and whether it arrived, from the notifier's delivery log (docs/notifications.md).
 */
public final class NotificationsApi {
  private final DeliveryLog log;
  private final Exchanges io;

  public NotificationsApi(DeliveryLog log, Exchanges io) {
    this.log = log;
    this.io = io;
  }

  /** The alarm's notifications, oldest first, and whether the log is being followed. */
  public void deliveries(HttpServerExchange exchange) {
    String alarmId = Exchanges.path(exchange, "alarmId");
    io.send(
        exchange,
        200,
        Map.of("alarmId", alarmId, "following", log.following(), "deliveries", log.of(alarmId)));
  }
}
