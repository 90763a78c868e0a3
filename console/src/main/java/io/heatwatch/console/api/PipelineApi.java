package io.heatwatch.console.api;

import io.heatwatch.console.health.ConsoleHealth;
import io.heatwatch.console.health.PipelineStatus;
import io.heatwatch.console.health.WatchdogHealth;
import io.heatwatch.console.live.LiveView;
import io.undertow.server.HttpServerExchange;
import java.util.Optional;

/**
 * {@code GET /api/pipeline} (the page's health strip and banner) and {@code GET /api/health} (for
 * load balancers, without a session).
 */
public final class PipelineApi {
  private final Optional<WatchdogHealth> watchdog;
  private final LiveView live;
  private final ConsoleHealth health;
  private final Exchanges io;

  public PipelineApi(
      Optional<WatchdogHealth> watchdog, LiveView live, ConsoleHealth health, Exchanges io) {
    this.watchdog = watchdog;
    this.live = live;
    this.health = health;
    this.io = io;
  }

  public void status(HttpServerExchange exchange) {
    io.send(
        exchange,
        200,
        PipelineStatus.of(
            watchdog.map(WatchdogHealth::latest), live.activeAlarms().values(), AlarmsApi::brief));
  }

  public void health(HttpServerExchange exchange) {
    ConsoleHealth.Answer answer = health.check();
    io.send(exchange, answer.status(), answer.body());
  }
}
