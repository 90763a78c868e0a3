package io.heatwatch.edge.publish;

import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.MqttTopics.Channel;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The device's link to the broker, as the agent and the outbox sender use it: {@link MqttSession}
 * over Paho on a device, a hand-driven fake in the sender's tests.
 */
public interface Uplink {
  /** The device this link belongs to. */
  String deviceId();

  /** Whether the link is up and its birth message sent, so readings may flow. */
  boolean isReady();

  /**
   * The number of the current connection, 0 before the first; it changes on every reconnect, so a
   * sender knows that what was in flight may be lost and must be sent again.
   */
  long connection();

  /**
   * Publishes one message of readings (QoS 1) without waiting; {@code delivery} hears its PUBACK or
   * its failure.
   *
   * @throws UplinkException when the link refuses at once (not connected, client window full)
   */
  void publishReading(byte[] payload, Delivery delivery) throws UplinkException;

  /** Publishes a retained status message (birth, heartbeat) without waiting for the PUBACK. */
  void publishStatus(DeviceStatus status) throws UplinkException;

  /**
   * Starts connecting in the background and keeps reconnecting until {@link #close}.
   *
   * @param birth makes the retained ONLINE status of each connection
   * @param lastWill the status the broker publishes when the device vanishes
   * @param onConnected runs after each successful (re)connect
   * @param downlink receives messages on this device's alarms and config topics
   */
  void start(
      Supplier<DeviceStatus> birth,
      DeviceStatus lastWill,
      Runnable onConnected,
      BiConsumer<Channel, byte[]> downlink);

  /** Publishes {@code goodbye} (retained), then disconnects cleanly and releases the link. */
  void close(DeviceStatus goodbye);

  /** Hears how one published message ended. */
  interface Delivery {
    /**
     * The broker answered with a PUBACK: {@code reasonCode} 0 is accepted, 0x80 or more a refusal
     * (e.g. 0x87 not authorized by a per-device ACL).
     */
    void acknowledged(int reasonCode);

    /** No PUBACK came (e.g. the connection was lost): the message may or may not have arrived. */
    void failed(Throwable cause);
  }
}
