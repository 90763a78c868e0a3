package io.heatwatch.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.console.live.LiveView;
import io.undertow.server.HttpServerExchange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code GET /api/devices}: fleet health from the devices index. */
public final class DevicesApi {
  private final LiveView live;
  private final Exchanges io;

  public DevicesApi(LiveView live, Exchanges io) {
    this.live = live;
    this.io = io;
  }

  public void list(HttpServerExchange exchange) {
    List<JsonNode> devices = new ArrayList<>(live.devices().values());
    devices.sort(
        Comparator.comparing((JsonNode d) -> d.path("site").asText())
            .thenComparing(d -> d.path("deviceId").asText()));
    io.send(exchange, 200, Map.of("devices", devices));
  }
}
