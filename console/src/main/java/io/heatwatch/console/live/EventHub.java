package io.heatwatch.console.live;

import io.undertow.server.handlers.sse.ServerSentEventConnection;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open Server-Sent Event streams of logged-in pages, and one broadcast to all of them. Streams
 * are capped per user and in total; each belongs to a session and ends with it; a stream whose
 * unsent events pass a bound is closed (Undertow queues unsent events without limit, so one page
 * that stops reading would otherwise hold every later event in the heap).
 */
public final class EventHub {
  private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

  private final Map<ServerSentEventConnection, Listener> connections = new ConcurrentHashMap<>();
  private final int maxPerUser;
  private final int maxTotal;
  private final long maxQueuedBytes;

  /** Whose stream it is, and how much is queued for it and not yet written. */
  private record Listener(String user, String sessionToken, AtomicLong queued) {}

  public EventHub(int maxPerUser, int maxTotal, long maxQueuedBytes) {
    this.maxPerUser = maxPerUser;
    this.maxTotal = maxTotal;
    this.maxQueuedBytes = maxQueuedBytes;
  }

  /** Whether {@code user} may open one more stream now. */
  public synchronized boolean admits(String user) {
    return connections.size() < maxTotal && count(user) < maxPerUser;
  }

  /** Adds a page's stream until it closes; one past a cap (a race with another) is closed. */
  public void join(ServerSentEventConnection connection, String user, String sessionToken) {
    synchronized (this) {
      if (!admits(user)) {
        close(connection, "cap reached for " + user);
        return;
      }
      connections.put(connection, new Listener(user, sessionToken, new AtomicLong()));
    }
    connection.addCloseTask(connections::remove);
  }

  /** Queues one event on every open stream; a stream too far behind is closed instead. */
  public void broadcast(String event, String data) {
    long size = data.length();
    connections.forEach(
        (connection, listener) -> {
          if (!connection.isOpen()) {
            return;
          }
          if (listener.queued().addAndGet(size) > maxQueuedBytes) {
            listener.queued().addAndGet(-size);
            LOG.info(
                "event stream of {} dropped: over {} bytes unsent (the page stopped reading)",
                listener.user(),
                maxQueuedBytes);
            close(connection, "slow");
            return;
          }
          connection.send(data, event, null, new Sent(listener.queued(), size));
        });
  }

  /** Ends the streams whose session is no longer {@code alive} (logged out, expired, removed). */
  public void endUnless(Predicate<String> alive) {
    connections.forEach(
        (connection, listener) -> {
          if (!alive.test(listener.sessionToken())) {
            close(connection, "session ended");
          }
        });
  }

  /** Ends the streams of one session, e.g. at logout. */
  public void endSession(String sessionToken) {
    endUnless(token -> !token.equals(sessionToken));
  }

  /** How many pages are listening. */
  public int size() {
    return connections.size();
  }

  /** Ends every stream, e.g. at shutdown. */
  public void closeAll() {
    connections.keySet().forEach(c -> close(c, "shutdown"));
  }

  private int count(String user) {
    int n = 0;
    for (Listener listener : connections.values()) {
      if (listener.user().equals(user)) {
        n++;
      }
    }
    return n;
  }

  // close(), not shutdown(): shutdown waits for the queue to drain, which a slow page never does
  private void close(ServerSentEventConnection connection, String why) {
    connections.remove(connection);
    try {
      connection.close();
    } catch (IOException e) {
      LOG.debug("closing an event stream ({}): {}", why, e.toString());
    }
  }

  /** Takes an event's size off its stream's queue once written or failed. */
  private record Sent(AtomicLong queued, long size)
      implements ServerSentEventConnection.EventCallback {
    @Override
    public void done(ServerSentEventConnection c, String data, String event, String id) {
      queued.addAndGet(-size);
    }

    @Override
    public void failed(
        ServerSentEventConnection c, String data, String event, String id, IOException e) {
      queued.addAndGet(-size);
    }
  }
}
