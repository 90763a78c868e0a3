package io.heatwatch.console.live;

import io.undertow.server.handlers.sse.ServerSentEventConnection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open Server-Sent Event streams of logged-in pages, and one broadcast to all of them. */
public final class EventHub {
  private final Set<ServerSentEventConnection> connections = ConcurrentHashMap.newKeySet();

  /** Adds a page's stream until it closes. */
  public void join(ServerSentEventConnection connection) {
    connections.add(connection);
    connection.addCloseTask(connections::remove);
  }

  /** Queues one event on every open stream; slow pages never hold up the others. */
  public void broadcast(String event, String data) {
    for (ServerSentEventConnection connection : connections) {
      if (connection.isOpen()) {
        connection.send(data, event, null, null);
      }
    }
  }

  /** How many pages are listening. */
  public int size() {
    return connections.size();
  }

  /** Ends every stream, e.g. at shutdown. */
  public void closeAll() {
    connections.forEach(ServerSentEventConnection::shutdown);
  }
}
