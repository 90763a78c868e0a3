package io.heatwatch.local;

import io.heatwatch.local.HostileInputIT.HostileStep;
import io.heatwatch.local.HostileInputIT.LegacyGarbage;
import io.heatwatch.local.HostileInputIT.Replay;
import io.heatwatch.local.HostileInputIT.Step;
import io.heatwatch.local.HostileInputIT.Valid;
import io.heatwatch.local.HostilePayloads.Hostile;
import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.LegacyCodec;
import io.heatwatch.model.Limits;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Sends the stream: valid readings and replays on the valid devices' topics, each hostile message
 * on a topic of its own ({@code h-N}) so its dead letter can be traced, legacy garbage straight to
 * Kafka; keeps the books of what each must become.
 */
final class Thrower implements AutoCloseable {
  /** Steps per second at most: the bridge must keep up on HiveMQ's one in-flight per topic. */
  private static final int RATE = 500;

  private final String mqttUri;
  private final MqttConnectionOptions options;
  private MqttAsyncClient mqtt;
  private final KafkaProducer<byte[], byte[]> kafka;
  private final Books books = new Books();
  private final long[] nextSeq = new long[Books.VALID_DEVICES];
  private final long startNanos = System.nanoTime();
  private int steps;
  private int hostileNumber;
  private int inFlightLeaks;

  private Thrower(String mqttUri, KafkaProducer<byte[], byte[]> kafka) throws MqttException {
    this.mqttUri = mqttUri;
    this.options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(false);
    this.kafka = kafka;
    this.mqtt = newClient();
  }

  static Thrower connect(LocalStack stack) throws MqttException {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
    return new Thrower(
        stack.mqtt().uri(),
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
  }

  private MqttAsyncClient newClient() throws MqttException {
    MqttAsyncClient client =
        new MqttAsyncClient(mqttUri, "hostile-thrower", new MemoryPersistence());
    client.connect(options).waitForCompletion(30_000);
    return client;
  }

  Books books() {
    System.out.println(
        "publishes Paho held in flight after completion (client renewed): " + inFlightLeaks);
    return books;
  }

  void send(Step step) throws Exception {
    pace();
    if (step instanceof Valid v) {
      sendValid(v);
    } else if (step instanceof Replay r) {
      sendReplay(r);
    } else if (step instanceof HostileStep h) {
      sendHostile(h.hostile());
    } else if (step instanceof LegacyGarbage g) {
      sendLegacy(g.hostile());
    }
  }

  private void pace() throws InterruptedException {
    steps++;
    long due = startNanos + TimeUnit.SECONDS.toNanos(1) * steps / RATE;
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private void sendValid(Valid v) throws Exception {
    String device = Books.device(v.device());
    long seq = ++nextSeq[v.device()];
    Reading reading =
        Reading.ok(
            Books.VALID_SITE,
            device,
            "t" + (seq % 2 + 1),
            seq,
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            v.tempC());
    String refused =
        publish(topic(Books.VALID_SITE, device), TelemetryCodec.encode(reading), Map.of());
    if (refused != null) {
      throw new IllegalStateException("the broker refused a valid reading: " + refused);
    }
    books.valid.add(new Books.Sent(device, seq, v.tempC()));
    books.lastSeq.put(device, seq);
  }

  /** The same (device, seq) again with another value: the job must keep the first. */
  private void sendReplay(Replay r) throws Exception {
    if (books.valid.isEmpty()) {
      return;
    }
    Books.Sent original = books.valid.get(r.pick() % books.valid.size());
    Reading replay =
        Reading.ok(
            Books.VALID_SITE,
            original.deviceId(),
            "t" + (original.seq() % 2 + 1),
            original.seq(),
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            original.tempC() + 30);
    publish(topic(Books.VALID_SITE, original.deviceId()), TelemetryCodec.encode(replay), Map.of());
    books.replayed.putIfAbsent(original.id(), original.tempC());
  }

  private void sendHostile(Hostile hostile) throws Exception {
    int n = ++hostileNumber;
    String device = Books.hostileDevice(n);
    byte[] payload = hostile.payloadFor(device);
    Map<String, String> properties = hostile.properties();
    books.kinds.put(n, hostile.kind());
    List<String> ids = acceptedIds(payload, device, properties);
    if (ids != null) {
      books.acceptable.put(n, ids);
    }
    String refused = publish(topic(HostilePayloads.SITE, device), payload, properties);
    if (refused != null) {
      books.outcomes.put(n, "refused by the broker");
      books.exampleReasons.putIfAbsent(hostile.kind() + " (broker)", refused);
    }
  }

  private void sendLegacy(Hostile hostile) throws Exception {
    int n = ++hostileNumber;
    byte[] payload = hostile.payloadFor("legacy");
    books.kinds.put(n, "legacy topic: " + hostile.kind());
    try {
      var reading = LegacyCodec.decode(payload, ZoneOffset.UTC);
      books.acceptable.put(n, List.of(reading.id()));
    } catch (InvalidPayloadException e) {
      // the job must set it aside with this reason
    }
    RecordMetadata at =
        kafka
            .send(new ProducerRecord<>(KafkaTopics.LEGACY, null, payload))
            .get(30, TimeUnit.SECONDS);
    books.legacyAt.put(at.partition() + ":" + at.offset(), n);
  }

  /** The reading ids the contract accepts this message as, or null when it refuses it. */
  private static List<String> acceptedIds(
      byte[] payload, String device, Map<String, String> properties) {
    try {
      Limits.checkUserProperties(new ArrayList<>(properties.entrySet()));
      List<String> ids = new ArrayList<>();
      for (Reading reading : TelemetryCodec.decodeReadings(payload)) {
        if (!reading.deviceId().equals(device) || !reading.site().equals(HostilePayloads.SITE)) {
          return null;
        }
        ids.add(reading.id());
      }
      return ids;
    } catch (InvalidPayloadException e) {
      return null;
    }
  }

  private static String topic(String site, String device) {
    return MqttTopics.topic(site, device, MqttTopics.Channel.READINGS);
  }

  /** Publishes at QoS 1; the broker's refusal (an error or a reason code of 0x80+), or null. */
  private String publish(String topic, byte[] payload, Map<String, String> properties)
      throws MqttException {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    if (!properties.isEmpty()) {
      MqttProperties mqttProperties = new MqttProperties();
      List<UserProperty> list = new ArrayList<>();
      properties.forEach((k, v) -> list.add(new UserProperty(k, v)));
      mqttProperties.setUserProperties(list);
      message.setProperties(mqttProperties);
    }
    try {
      return publishOnce(topic, message);
    } catch (MqttException e) {
      if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
        throw e;
      }
      // Paho 1.2.5 can leave a completed publish counted as in flight; a new client forgets it.
      inFlightLeaks++;
      reconnect();
      return publishOnce(topic, message);
    }
  }

  private String publishOnce(String topic, MqttMessage message) throws MqttException {
    try {
      IMqttToken token = mqtt.publish(topic, message);
      token.waitForCompletion(60_000);
      int[] codes = token.getReasonCodes();
      if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
        // Paho 1.2.5 keeps counting a refused publish as in flight: start afresh.
        reconnect();
        return "PUBACK reason code 0x" + Integer.toHexString(codes[0]);
      }
      return null;
    } catch (MqttException e) {
      if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
        throw e;
      }
      String reason = e.getMessage() + " (" + e.getReasonCode() + ")";
      reconnect();
      return reason;
    }
  }

  /**
   * After a publish failed (the broker dropped the connection for it): a new client, since Paho can
   * keep counting the failed publish as in flight.
   */
  private void reconnect() throws MqttException {
    try {
      mqtt.disconnectForcibly(0, 1000, false);
    } catch (MqttException e) {
      // already gone
    }
    mqtt.close(true);
    mqtt = newClient();
  }

  @Override
  public void close() throws Exception {
    kafka.close();
    if (mqtt.isConnected()) {
      mqtt.disconnect().waitForCompletion(10_000);
    }
    mqtt.close();
  }
}
