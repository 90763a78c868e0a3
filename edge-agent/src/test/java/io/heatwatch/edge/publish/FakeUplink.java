package io.heatwatch.edge.publish;

import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.MqttTopics.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A broker link the test drives by hand: it records each published message with its delivery, and
 * the test decides when (and how) the broker answers, when the connection drops and comes back.
 */
final class FakeUplink implements Uplink {
  /** One published message and the listener that waits for its PUBACK. */
  record Sent(byte[] payload, Delivery delivery, long connection) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  final List<Sent> sent = new ArrayList<>();
  final List<DeviceStatus> statuses = new ArrayList<>();
  private final Set<Integer> answered = new HashSet<>();
  private boolean ready = true;
  private long connection = 1;

  /** Messages the client takes before it refuses at once ("window full"), unbounded when < 0. */
  int clientRoom = -1;

  @Override
  public String deviceId() {
    return "pi-1";
  }

  @Override
  public boolean isReady() {
    return ready;
  }

  @Override
  public long connection() {
    return connection;
  }

  @Override
  public void publishReading(byte[] payload, Delivery delivery) throws UplinkException {
    if (!ready || clientRoom == 0) {
      throw new UplinkException("not taken (ready " + ready + ", room " + clientRoom + ")", null);
    }
    if (clientRoom > 0) {
      clientRoom--;
    }
    sent.add(new Sent(payload, delivery, connection));
  }

  @Override
  public void publishStatus(DeviceStatus status) {
    statuses.add(status);
  }

  @Override
  public void start(
      Supplier<DeviceStatus> birth,
      DeviceStatus lastWill,
      Runnable onConnected,
      BiConsumer<Channel, byte[]> downlink) {}

  @Override
  public void close(DeviceStatus goodbye) {}

  /** The broker answers message {@code index} (in the order sent) with {@code reasonCode}. */
  void ack(int index, int reasonCode) {
    answered.add(index);
    sent.get(index).delivery().acknowledged(reasonCode);
  }

  /** The connection drops: what was in flight fails, nothing is taken until {@link #reconnect}. */
  void drop() {
    ready = false;
    for (int i = 0; i < sent.size(); i++) {
      if (sent.get(i).connection() == connection && answered.add(i)) {
        sent.get(i).delivery().failed(new IllegalStateException("connection lost"));
      }
    }
  }

  /** A new connection is up. */
  void reconnect() {
    connection++;
    ready = true;
  }
}
