package io.heatwatch.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.console.audit.AuditLog;
import io.heatwatch.console.auth.Sessions.Session;
import io.heatwatch.console.es.Queries;
import io.heatwatch.console.kafka.CommandPublisher;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Versions;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/alarms?state=}, {@code POST /api/alarms/{alarmId}/ack} and {@code POST
 * /api/alarms/{alarmId}/resolve}.
 */
public final class AlarmsApi {
  private static final Set<String> STATES = Set.of("OPEN", "ACKNOWLEDGED", "CLEARED");
  private static final int PAGE = 500;

  private final Queries queries;
  private final CommandPublisher commands;
  private final AuditLog audit;
  private final Exchanges io;
  private final Clock clock;

  public AlarmsApi(
      Queries queries, CommandPublisher commands, AuditLog audit, Exchanges io, Clock clock) {
    this.queries = queries;
    this.commands = commands;
    this.audit = audit;
    this.io = io;
    this.clock = clock;
  }

  /** The fields of an alarm a list or a tile needs. */
  static Map<String, Object> brief(JsonNode alarm) {
    Map<String, Object> b = new LinkedHashMap<>();
    for (String field :
        List.of(
            "alarmId",
            "version",
            "site",
            "deviceId",
            "sensorId",
            "kind",
            "severity",
            "state",
            "openedAt",
            "updatedAt",
            "clearedAt",
            "ackedBy",
            "ackComment",
            "value",
            "threshold",
            "message",
            "excursion")) {
      JsonNode value = alarm.get(field);
      b.put(field, value == null || value.isNull() ? null : value);
    }
    b.put("excursionSummary", Excursions.summary(alarm));
    return b;
  }

  /** Alarms, active ones first, each group newest first; {@code state} filters (comma list). */
  public void list(HttpServerExchange exchange) {
    String state = Exchanges.query(exchange, "state");
    Optional<List<String>> states = Optional.empty();
    if (state != null && !state.isBlank()) {
      List<String> wanted =
          Arrays.stream(state.split(",")).map(s -> s.strip().toUpperCase(Locale.ROOT)).toList();
      for (String s : wanted) {
        if (!STATES.contains(s)) {
          throw ApiException.badField("state", s, "expected OPEN, ACKNOWLEDGED or CLEARED");
        }
      }
      states = Optional.of(wanted);
    }
    List<Map<String, Object>> alarms = new ArrayList<>();
    for (JsonNode a : queries.alarms(states, PAGE)) {
      if (!Pipeline.isCanary(a.path("deviceId").asText())) {
        alarms.add(brief(a));
      }
    }
    alarms.sort(
        (a, b) -> Boolean.compare(isCleared(a), isCleared(b))); // stable: newest first in groups
    io.send(exchange, 200, Map.of("alarms", alarms));
  }

  private static boolean isCleared(Map<String, Object> alarm) {
    return alarm.get("state") instanceof JsonNode s && "CLEARED".equals(s.asText());
  }

  /** Sends an ACKNOWLEDGE command for an OPEN alarm; the job moves it to ACKNOWLEDGED. */
  public void ack(HttpServerExchange exchange) {
    command(exchange, AlarmCommand.Action.ACKNOWLEDGE, false);
  }

  /**
   * Sends a RESOLVE command for an active alarm whose condition can no longer end by itself (a
   * sensor taken away, a stale alarm); the job clears it with the operator's name and comment, so
   * the comment is required.
   */
  public void resolve(HttpServerExchange exchange) {
    command(exchange, AlarmCommand.Action.RESOLVE, true);
  }

  private void command(
      HttpServerExchange exchange, AlarmCommand.Action action, boolean commentRequired) {
    Session session = exchange.getAttachment(Exchanges.SESSION);
    String alarmId = Exchanges.path(exchange, "alarmId");
    JsonNode body = io.body(exchange, Set.of("comment"));
    JsonNode commentNode = body.path("comment");
    if (!commentNode.isMissingNode() && !commentNode.isNull() && !commentNode.isTextual()) {
      throw ApiException.badField("comment", commentNode, "must be text");
    }
    String comment = commentNode.isTextual() ? commentNode.asText().strip() : "";
    if (commentRequired && comment.isEmpty()) {
      throw ApiException.badField(
          "comment", comment, "is required: say why the alarm cannot end by itself");
    }
    JsonNode alarm =
        queries
            .alarm(alarmId)
            .filter(a -> !Pipeline.isCanary(a.path("deviceId").asText()))
            .orElseThrow(() -> new ApiException(404, "alarmId", "no alarm " + alarmId));
    String state = alarm.path("state").asText();
    if ("CLEARED".equals(state)) {
      throw new ApiException(409, "alarmId", "alarm " + alarmId + " is already cleared");
    }
    if (action == AlarmCommand.Action.ACKNOWLEDGE && "ACKNOWLEDGED".equals(state)) {
      throw new ApiException(
          409,
          "alarmId",
          "alarm " + alarmId + " is already acknowledged by " + alarm.path("ackedBy").asText());
    }
    AlarmCommand command;
    try {
      command =
          new AlarmCommand(
              Versions.V1,
              alarmId,
              action,
              session.user(),
              comment.isEmpty() ? null : comment,
              clock.instant());
    } catch (InvalidPayloadException e) {
      throw ApiException.badField(e.field(), "", e.getMessage());
    }
    commands.send(command);
    audit.write(
        session.user(),
        session.role().label(),
        "alarm." + action.name().toLowerCase(Locale.ROOT),
        alarmId,
        brief(alarm),
        command);
    io.send(exchange, 202, command);
  }
}
