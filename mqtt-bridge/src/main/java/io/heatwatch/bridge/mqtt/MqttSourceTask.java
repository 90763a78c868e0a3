package io.heatwatch.bridge.mqtt;

import io.heatwatch.bridge.BridgeVersion;
import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import io.heatwatch.bridge.convert.InboundMessage;
import io.heatwatch.bridge.convert.MessageRouter;
import io.heatwatch.bridge.convert.Routed;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to the broker on a persistent session with manual acknowledgements and turns each
 * message into a Kafka record; the message is acknowledged to the broker only after Kafka has
 * acknowledged the record ({@link #commitRecord}), so a crash anywhere loses nothing.
 */
public final class MqttSourceTask extends SourceTask {
  private static final Logger LOG = LoggerFactory.getLogger(MqttSourceTask.class);
  private static final int MAX_BATCH = 1000;

  private final AckTracker acks = new AckTracker();
  private final Clock clock = Clock.systemUTC();
  private MqttSourceConnectorConfig config;
  private MessageRouter router;
  private BlockingQueue<Received> queue;
  private MqttAsyncClient client;
  private Map<String, String> sourcePartition;

  private record Received(InboundMessage message, AckTracker.Pending pending) {}

  @Override
  public String version() {
    return BridgeVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new MqttSourceConnectorConfig(props);
    router =
        new MessageRouter(
            config.readingsTopic, config.statusTopic, config.dlqTopic, config.maxPayloadBytes);
    queue = new ArrayBlockingQueue<>(config.queueCapacity);
    String clientId = config.clientId + "-" + props.getOrDefault(TaskIds.TASK_ID, "0");
    sourcePartition = Map.of("mqtt.client.id", clientId);
    try {
      client = new MqttAsyncClient(config.serverUris.get(0), clientId, new MemoryPersistence());
      client.setManualAcks(true);
      client.setCallback(new Callback());
      client.connect(connectionOptions()).waitForCompletion(30_000);
    } catch (MqttException e) {
      throw new ConnectException(
          "cannot connect to "
              + config.serverUris
              + " ("
              + MqttSourceConnectorConfig.SERVER_URIS_CONFIG
              + "): "
              + e,
          e);
    }
    LOG.info("MQTT source task {} connected to {}", clientId, client.getCurrentServerURI());
  }

  private MqttConnectionOptions connectionOptions() {
    MqttConnectionOptions options =
        MqttClients.options(
            config.serverUris, config.sessionExpirySeconds, config.username, config.password);
    options.setReceiveMaximum(Math.min(config.queueCapacity, 65_535));
    return options;
  }

  private void subscribe() throws MqttException {
    MqttSubscription[] subscriptions =
        config.topics.stream()
            .map(filter -> new MqttSubscription(filter, config.qos))
            .toArray(MqttSubscription[]::new);
    IMqttToken token = client.subscribe(subscriptions);
    token.waitForCompletion(30_000);
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    Received first = queue.poll(500, TimeUnit.MILLISECONDS);
    if (first == null) {
      return null;
    }
    List<Received> batch = new ArrayList<>();
    batch.add(first);
    queue.drainTo(batch, MAX_BATCH - 1);
    List<SourceRecord> records = new ArrayList<>(batch.size());
    for (Received received : batch) {
      records.add(toRecord(received));
    }
    return records;
  }

  private SourceRecord toRecord(Received received) {
    InboundMessage message = received.message();
    Routed route = router.route(message);
    if (route.rejected()) {
      LOG.warn(
          "MQTT message on {} to dead-letter topic: {}", message.topic(), route.rejectReason());
    }
    return new MqttSourceRecord(
        sourcePartition,
        Map.of("mqtt.message.id", message.messageId()),
        route.topic(),
        route.key() == null ? null : route.key().getBytes(StandardCharsets.UTF_8),
        message.payload(),
        message.receivedAt().toEpochMilli(),
        RecordHeaders.of(message, route),
        received.pending());
  }

  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    if (!(record instanceof MqttSourceRecord mqttRecord) || mqttRecord.pending == null) {
      return;
    }
    for (AckTracker.Pending ready : acks.completed(mqttRecord.pending)) {
      try {
        client.messageArrivedComplete(ready.messageId, ready.qos);
      } catch (MqttException e) {
        // The broker redelivers unacknowledged messages on the next connection; dedupe downstream.
        LOG.warn(
            "ack of MQTT message {} failed, broker will redeliver: {}",
            ready.messageId,
            e.toString());
      }
    }
  }

  @Override
  public void stop() {
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnect(5_000).waitForCompletion(5_000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.warn("MQTT source task stop: {}", e.toString());
    }
  }

  /** Paho's callbacks: queue messages, resubscribe after (re)connect. */
  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
      AckTracker.Pending pending =
          message.getQos() > 0 ? acks.received(message.getId(), message.getQos()) : null;
      Map<String, String> userProperties = new LinkedHashMap<>();
      MqttProperties properties = message.getProperties();
      if (properties != null && properties.getUserProperties() != null) {
        for (UserProperty p : properties.getUserProperties()) {
          userProperties.put(p.getKey(), p.getValue());
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
      // Blocking here holds back PUBACKs, and so the broker, when Kafka is slower than MQTT.
      queue.put(new Received(inbound, pending));
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
      if (reconnect) {
        acks.reconnected();
        LOG.info("MQTT source reconnected to {}", serverURI);
      }
      try {
        subscribe();
      } catch (MqttException e) {
        LOG.error("subscribe to {} failed: {}", config.topics, e.toString());
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      LOG.warn("MQTT source disconnected: {}", response);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("MQTT source error: {}", exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
