package io.heatwatch.e2e;

import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.ElasticsearchHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Times single messages through the chain and through the bare broker, side by side: a reading from
 * MQTT publish until it is searchable in Elasticsearch, a too-hot reading from publish until its
 * alarm arrives on the device's downlink topic, and a plain message from publish until a plain
 * subscriber has it.
 */
final class LatencyProbe implements AutoCloseable {
  private static final String SITE = "probe";
  private static final String DEVICE = "probe-01";
  private static final String BARE_TOPIC = "bench/bare";

  private final MqttClient device;
  private final MqttClient bare;
  private final ElasticsearchHttp es;
  private final BlockingQueue<Long> alarms = new ArrayBlockingQueue<>(1000);
  private final BlockingQueue<Long> bareArrivals = new ArrayBlockingQueue<>(1000);
  private long seq;

  final List<Long> searchableNanos = new ArrayList<>();
  final List<Long> alarmNanos = new ArrayList<>();
  final List<Long> bareNanos = new ArrayList<>();

  LatencyProbe(String mqttUri, String elasticsearchUrl) throws MqttException {
    es = new ElasticsearchHttp(elasticsearchUrl);
    device = client(mqttUri, "probe-device");
    Subscriptions.qos1(
        device,
        "heatwatch/v1/" + SITE + "/" + DEVICE + "/alarms",
        (topic, message) -> alarms.offer(System.nanoTime()));
    bare = client(mqttUri, "probe-bare");
    Subscriptions.qos1(bare, BARE_TOPIC, (topic, message) -> bareArrivals.offer(System.nanoTime()));
  }

  private static MqttClient client(String uri, String id) throws MqttException {
    MqttClient client = new MqttClient(uri, id, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options);
    return client;
  }

  /** One reading through the chain and one message through the bare broker. */
  void once(boolean tooHot) throws Exception {
    byte[] payload = new byte[180];
    long bareSent = System.nanoTime();
    bare.publish(BARE_TOPIC, new MqttMessage(payload, 1, false, null));
    Long bareArrived = bareArrivals.poll(30, TimeUnit.SECONDS);
    if (bareArrived != null) {
      bareNanos.add(bareArrived - bareSent);
    }

    seq++;
    Reading reading =
        Reading.ok(SITE, DEVICE, DEVICE + "-t1", seq, Instant.now(), tooHot ? 60.0 : 20.0);
    alarms.clear();
    long sent = System.nanoTime();
    device.publish(
        "heatwatch/v1/" + SITE + "/" + DEVICE + "/readings",
        new MqttMessage(TelemetryCodec.encode(reading), 1, false, null));
    String ids = "{\"query\":{\"ids\":{\"values\":[\"" + reading.id() + "\"]}}}";
    long deadline = sent + Duration.ofSeconds(60).toNanos();
    Long alarmAt = null;
    while (System.nanoTime() < deadline) {
      if (tooHot && alarmAt == null) {
        alarmAt = alarms.poll();
      }
      if (es.search("heatwatch-readings-*", ids).path("hits").path("total").path("value").asLong()
          > 0) {
        searchableNanos.add(System.nanoTime() - sent);
        break;
      }
      Thread.sleep(10);
    }
    if (tooHot) {
      if (alarmAt == null) {
        alarmAt = alarms.poll(60, TimeUnit.SECONDS);
      }
      if (alarmAt != null) {
        alarmNanos.add(alarmAt - sent);
      }
    }
  }

  /** The {@code q}-quantile of {@code nanos} in milliseconds. */
  static double quantileMs(List<Long> nanos, double q) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(null);
    int i = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
    return sorted.get(Math.max(0, i)) / 1e6;
  }

  @Override
  public void close() throws MqttException {
    device.disconnect();
    device.close();
    bare.disconnect();
    bare.close();
  }
}
