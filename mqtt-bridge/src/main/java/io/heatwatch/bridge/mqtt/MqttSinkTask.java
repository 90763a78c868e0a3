package io.heatwatch.bridge.mqtt;

import io.heatwatch.bridge.BridgeVersion;
import io.heatwatch.bridge.config.MqttSinkConnectorConfig;
import io.heatwatch.bridge.convert.DownlinkRouter;
import io.heatwatch.bridge.convert.DownlinkRouter.Downlink;
import io.heatwatch.model.InvalidPayloadException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes alarm events and sensor configuration to each device's downlink topic with QoS 1;
 * {@link #put} returns only once the broker acknowledged every message, so Connect commits the
 * Kafka offsets of delivered records only. Records that break the contract go to Connect's
 * dead-letter queue when one is configured ({@code errors.tolerance=all}), else fail the task.
 */
public final class MqttSinkTask extends SinkTask {
  private static final Logger LOG = LoggerFactory.getLogger(MqttSinkTask.class);
  private static final int QOS = 1;

  private final ThrottledLog rejects;
  private MqttSinkConnectorConfig config;
  private MqttAsyncClient client;
  private ErrantRecordReporter reporter;

  /** Connect's constructor. */
  public MqttSinkTask() {
    this(Clock.systemUTC());
  }

  MqttSinkTask(Clock clock) {
    rejects = new ThrottledLog(LOG, "record to dead-letter queue", clock);
  }

  @Override
  public String version() {
    return BridgeVersion.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    config = new MqttSinkConnectorConfig(props);
    reporter = context == null ? null : context.errantRecordReporter();
    String clientId = config.connection.clientId() + "-" + props.getOrDefault(TaskIds.TASK_ID, "0");
    try {
      client =
          new MqttAsyncClient(
              config.connection.serverUris().get(0), clientId, new MemoryPersistence());
      client
          .connect(MqttClients.options(config.connection, true, 0, 1_000, 30_000))
          .waitForCompletion(config.ackTimeoutMs);
    } catch (MqttException e) {
      throw new ConnectException(
          "cannot connect to "
              + config.connection.serverUris()
              + " ("
              + MqttSinkConnectorConfig.SERVER_URIS_CONFIG
              + "): "
              + e,
          e);
    }
    LOG.info("MQTT downlink task {} connected", clientId);
  }

  @Override
  public void put(Collection<SinkRecord> records) {
    if (!records.isEmpty() && !client.isConnected()) {
      reconnect();
      throw new RetriableException(
          "not connected to " + config.connection.serverUris() + "; reconnecting");
    }
    Deque<Publish> publishes = new ArrayDeque<>(records.size());
    for (SinkRecord record : records) {
      byte[] payload = payload(record);
      if (payload == null) {
        continue;
      }
      Downlink downlink;
      try {
        downlink = DownlinkRouter.route(record.topic(), payload);
      } catch (InvalidPayloadException e) {
        reject(record, e);
        continue;
      }
      publishes.add(new Publish(record, downlink.topic(), publish(downlink, payload, publishes)));
    }
    while (!publishes.isEmpty()) {
      awaitPuback(publishes.poll());
    }
  }

  /** A message published and the record it came from, until its PUBACK. */
  private record Publish(SinkRecord record, String topic, IMqttToken token) {}

  /**
   * Publishes one message; when the broker's receive maximum is reached, waits for the oldest
   * PUBACK first. Failing instead made Connect redeliver the whole batch a second later, again and
   * again, for a burst of alarms larger than the window (HiveMQ's is 10; fleet load driver, e2e).
   */
  private IMqttToken publish(Downlink downlink, byte[] payload, Deque<Publish> pending) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.ackTimeoutMs);
    while (true) {
      try {
        return client.publish(downlink.topic(), payload, QOS, downlink.retained());
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT
            || (pending.isEmpty() && System.nanoTime() > deadline)) {
          throw new RetriableException("publish to " + downlink.topic() + " failed: " + e, e);
        }
        if (pending.isEmpty()) {
          // Paho completes a token before it frees its in-flight slot: the window of the last
          // put can still look full for a moment.
          pauseForInFlight();
        } else {
          awaitPuback(pending.poll());
        }
      }
    }
  }

  private static void pauseForInFlight() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while waiting for the in-flight window");
    }
  }

  /**
   * Waits for the PUBACK; a reason code >= 0x80 (which Paho completes successfully) is a refusal,
   * so the record goes to the dead-letter queue instead of counting as delivered.
   */
  private void awaitPuback(Publish publish) {
    try {
      publish.token().waitForCompletion(config.ackTimeoutMs);
    } catch (MqttException e) {
      throw new RetriableException("no PUBACK within " + config.ackTimeoutMs + " ms: " + e, e);
    }
    int[] codes = publish.token().getReasonCodes();
    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
      reject(
          publish.record(),
          new ConnectException(
              "broker refused the publish to "
                  + publish.topic()
                  + " (PUBACK reason code 0x"
                  + Integer.toHexString(codes[0])
                  + ")"));
    }
  }

  /**
   * Asks Paho for a connection attempt now. Its own reconnect cycle alone left this task without a
   * connection for minutes after a 15 s broker outage (whole-chain fault suite, e2e module), while
   * Connect retried every put in vain.
   */
  private void reconnect() {
    try {
      client.reconnect();
    } catch (MqttException e) {
      // Already connecting (a cycle attempt is under way): the next put tries again.
      LOG.debug("MQTT downlink reconnect not started: {}", e.toString());
    }
  }

  private byte[] payload(SinkRecord record) {
    if (record.value() == null) {
      return null; // a tombstone of the compacted config topic: nothing to tell the device
    }
    if (record.value() instanceof byte[] bytes) {
      return bytes;
    }
    reject(
        record,
        new DataException(
            "expected byte[] values (use ByteArrayConverter), got " + record.value().getClass()));
    return null;
  }

  private void reject(SinkRecord record, Exception error) {
    if (reporter == null) {
      throw new ConnectException(
          "record "
              + record.topic()
              + "/"
              + record.kafkaPartition()
              + "@"
              + record.kafkaOffset()
              + " rejected and no dead-letter queue is configured: "
              + error.getMessage(),
          error);
    }
    rejects.warn(
        record.topic()
            + "/"
            + record.kafkaPartition()
            + "@"
            + record.kafkaOffset()
            + ": "
            + error.getMessage());
    reporter.report(record, error);
  }

  @Override
  public void stop() {
    MqttClients.close(client, "MQTT downlink task", LOG);
  }
}
