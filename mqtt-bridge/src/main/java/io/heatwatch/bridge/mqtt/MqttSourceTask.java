package io.heatwatch.bridge.mqtt;

import io.heatwatch.bridge.BridgeVersion;
import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import io.heatwatch.bridge.convert.InboundMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to the broker on a persistent session with manual acknowledgements and turns each
 * message into a Kafka record; the message is acknowledged to the broker only after Kafka has
 * acknowledged the record ({@link #commitRecord}), so a crash anywhere loses nothing. With a shared
 * subscription group, several tasks (each with its own stable client id) split the messages.
 */
public final class MqttSourceTask extends SourceTask {
  private static final Logger LOG = LoggerFactory.getLogger(MqttSourceTask.class);
  private static final int MAX_BATCH = 1000;

  private final AckTracker acks = new AckTracker();
  private final Clock clock;
  private final ThrottledLog droppedQos0;
  private final ThrottledLog overflow;
  private final ThrottledLog ackFailures;
  private MqttSourceConnectorConfig config;
  private SourceRecords records;
  private BlockingQueue<Received> queue;
  private MqttAsyncClient client;
  private SourceConnection connection;
  private SourceTaskMetrics metrics;
  private String clientId;
  private volatile boolean redeliver;
  private Subscriptions subscriptions;

  private record Received(InboundMessage message, AckTracker.Pending pending) {}

  /** Connect's constructor: the receive time is the system's UTC clock's. */
  public MqttSourceTask() {
    this(Clock.systemUTC());
  }

  MqttSourceTask(Clock clock) {
    this.clock = clock;
    droppedQos0 = new ThrottledLog(LOG, "QoS 0 MQTT message dropped", clock);
    overflow = new ThrottledLog(LOG, "MQTT receive thread waits for the queue", clock);
    ackFailures =
        new ThrottledLog(LOG, "MQTT acknowledgement failed, broker will redeliver", clock);
  }

  @Override
  public String version() {
    return BridgeVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new MqttSourceConnectorConfig(props);
    queue = new ArrayBlockingQueue<>(config.queueCapacity);
    String taskId = props.getOrDefault(TaskIds.TASK_ID, "0");
    clientId = config.connection.clientId() + "-" + taskId;
    subscriptions = new Subscriptions(config, clientId);
    records = new SourceRecords(config, config.router(), Map.of("mqtt.client.id", clientId), clock);
    metrics =
        new SourceTaskMetrics(
            props.getOrDefault("name", config.connection.clientId()), taskId, acks::pending);
    MqttConnectionOptions options =
        MqttClients.options(
            config.connection,
            config.cleanStart,
            config.sessionExpirySeconds,
            config.reconnectMinMs,
            config.reconnectMaxMs);
    // The broker never has more unacknowledged QoS 1 messages out than the queue holds, so Paho's
    // receive thread never waits for Kafka (waiting there starves keep-alive: the connection
    // drops and every pending acknowledgement with it).
    options.setReceiveMaximum(Math.min(config.maxInflight, config.queueCapacity));
    try {
      client =
          new MqttAsyncClient(
              config.connection.serverUris().get(0), clientId, new MemoryPersistence());
    } catch (MqttException e) {
      throw new ConnectException("cannot create MQTT client " + clientId + ": " + e, e);
    }
    client.setManualAcks(true);
    client.setCallback(new Callback());
    connection = new SourceConnection(client, options, config);
    connection.connect();
    awaitSubscribed();
    failIfRefused();
  }

  /** A task the broker refuses to subscribe fails instead of running without messages. */
  private void failIfRefused() {
    String refusal = subscriptions.refusal();
    if (refusal != null) {
      MqttClients.close(client, "MQTT source task", LOG);
      throw new ConnectException(
          refusal
              + " (check the broker's ACL for "
              + MqttSourceConnectorConfig.USERNAME_CONFIG
              + " '"
              + config.connection.username()
              + "')");
    }
  }

  /**
   * Returns once the broker has granted the subscriptions, so that a task Connect reports as
   * RUNNING is one the broker delivers to: a message published before the SUBACK has no subscriber
   * and is dropped by the broker. Gives up waiting (and goes on) after the connect timeout; not
   * connected yet, it does not wait at all.
   */
  private void awaitSubscribed() {
    if (!connection.everConnected()) {
      return;
    }
    try {
      if (!subscriptions.awaitAnswer(SourceConnection.CONNECT_TIMEOUT_MS)) {
        LOG.warn(
            "MQTT source task {}: no SUBACK for {} within {} ms; going on without it",
            clientId,
            config.topics,
            SourceConnection.CONNECT_TIMEOUT_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    failIfRefused();
    if (redeliver) {
      redeliver = false;
      connection.reconnectForRedelivery();
    }
    connection.connectWhenDue();
    Received first = queue.poll(500, TimeUnit.MILLISECONDS);
    if (first == null) {
      return null;
    }
    List<Received> batch = new ArrayList<>();
    batch.add(first);
    queue.drainTo(batch, MAX_BATCH - 1);
    List<SourceRecord> polled = new ArrayList<>(batch.size());
    for (Received received : batch) {
      polled.add(records.of(received.message(), received.pending()));
    }
    return polled;
  }

  /**
   * Acknowledges the message once Kafka has stored its record. Null metadata means Kafka did not
   * store it ({@code errors.tolerance=all} skipped a failed send, or a transform dropped it): the
   * message stays unacknowledged and is redelivered, and its next copy is dead-lettered.
   */
  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    if (!(record instanceof MqttSourceRecord mqttRecord)) {
      return;
    }
    if (metadata == null) {
      if (mqttRecord.pending != null) {
        records.notStored(mqttRecord.message);
        redeliver = true;
      }
      return;
    }
    (mqttRecord.deadLettered ? metrics.deadLettered : metrics.forwarded).increment();
    if (mqttRecord.pending == null) {
      return;
    }
    for (AckTracker.Pending ready : acks.completed(mqttRecord.pending)) {
      try {
        client.messageArrivedComplete(ready.messageId, ready.qos);
      } catch (MqttException e) {
        // The broker redelivers unacknowledged messages on the next connection; dedupe downstream.
        ackFailures.warn("message " + ready.messageId + ": " + e);
      }
    }
  }

  @Override
  public void stop() {
    if (metrics != null) {
      metrics.close();
    }
    MqttClients.close(client, "MQTT source task", LOG);
  }

  /** Paho's callbacks: queue messages, resubscribe after (re)connect. */
  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      metrics.received.increment();
      AckTracker.Pending pending =
          message.getQos() > 0 ? acks.received(message.getId(), message.getQos()) : null;
      List<Map.Entry<String, String>> userProperties = new ArrayList<>();
      MqttProperties properties = message.getProperties();
      if (properties != null && properties.getUserProperties() != null) {
        for (UserProperty p : properties.getUserProperties()) {
          userProperties.add(Map.entry(p.getKey(), p.getValue()));
        }
      }
      InboundMessage inbound =
          new InboundMessage(
              topic,
              message.getPayload(),
              message.getQos(),
              message.isRetained(),
              message.getId(),
              userProperties,
              clock.instant());
      Received received = new Received(inbound, pending);
      if (queue.offer(received)) {
        return;
      }
      if (message.getQos() == 0) {
        droppedQos0.warn("queue of " + config.queueCapacity + " full, dropped one on " + topic);
        return;
      }
      // The broker sent more than the receive maximum: waiting is all that keeps the message.
      overflow.warn("broker exceeded the receive maximum of " + config.queueCapacity);
      queue.put(received);
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      // Also after reconnectForRedelivery's own connect, which Paho reports as no reconnect. The
      // broker redelivers every message of the old connection not acknowledged, so its queued
      // copies only take the room the receive maximum promised to the new connection's.
      queue.clear();
      acks.reconnected();
      if (reconnect) {
        metrics.reconnects.increment();
        LOG.info("MQTT source task {} reconnected to {}", clientId, serverURI);
      }
      try {
        subscriptions.subscribe(client);
      } catch (MqttException e) {
        LOG.error("subscribe to {} failed: {}", config.topics, e.toString());
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      LOG.warn("MQTT source task {} disconnected: {}", clientId, response);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("MQTT source task {} error: {}", clientId, exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
