package io.heatwatch.bridge.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Releases MQTT acknowledgements in the order the messages arrived, and only once Kafka has every
 * record up to that point, as MQTT requires PUBACKs in receive order.
 *
 * <p>Acks are bound to the connection they arrived on: after a reconnect the broker redelivers what
 * was not acknowledged, and a packet id of the old connection may name another message on the new
 * one, so stale acks are dropped rather than sent.
 */
final class AckTracker {
  private final ArrayDeque<Pending> inOrder = new ArrayDeque<>();
  private long connection;

  /** One received message waiting for Kafka. */
  static final class Pending {
    final int messageId;
    final int qos;
    final long connection;
    boolean done;

    Pending(int messageId, int qos, long connection) {
      this.messageId = messageId;
      this.qos = qos;
      this.connection = connection;
    }
  }

  /** Registers a message just received on the current connection. */
  synchronized Pending received(int messageId, int qos) {
    Pending pending = new Pending(messageId, qos, connection);
    inOrder.add(pending);
    return pending;
  }

  /** Marks a message as in Kafka; returns the messages that may now be acknowledged, in order. */
  synchronized List<Pending> completed(Pending pending) {
    pending.done = true;
    if (pending.connection != connection) {
      return List.of();
    }
    List<Pending> ready = new ArrayList<>();
    while (!inOrder.isEmpty() && inOrder.peekFirst().done) {
      ready.add(inOrder.pollFirst());
    }
    return ready;
  }

  /** A new connection: nothing received before it may be acknowledged any more. */
  synchronized void reconnected() {
    connection++;
    inOrder.clear();
  }

  /** Messages received and not yet acknowledged. */
  synchronized int pending() {
    return inOrder.size();
  }
}
