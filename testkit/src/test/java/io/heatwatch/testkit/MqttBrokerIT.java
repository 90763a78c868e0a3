package io.heatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MqttBrokerExtension.class)
class MqttBrokerIT {
  private static final long RECEIVE_TIMEOUT_SECONDS = 15;

  @Test
  void deliversQos1Messages(MqttBroker broker) throws Exception {
    assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + broker.port());
    String topic = "heatwatch/v1/it/pi-qos1/readings";
    Received received = new Received();
    MqttClient subscriber = connect(broker, "testkit-it-sub", true, received);
    subscriber.subscribe(topic, 1);

    MqttClient publisher = connect(broker, "testkit-it-pub", true, new Received());
    publisher.publish(topic, payload("{\"seq\":1}"), 1, false);

    MqttMessage message = received.next();
    assertThat(message).isNotNull();
    assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"seq\":1}");
    assertThat(message.getQos()).isEqualTo(1);
    close(publisher, subscriber);
  }

  @Test
  void persistentSessionKeepsQueuedMessagesAcrossRestart(MqttBroker broker) throws Exception {
    String topic = "heatwatch/v1/it/pi-restart/alarms";
    MqttClient offline = connect(broker, "testkit-it-persistent", false, new Received());
    offline.subscribe(topic, 1);
    close(offline);

    broker.restart();

    MqttClient publisher = connect(broker, "testkit-it-pub-restart", true, new Received());
    publisher.publish(topic, payload("queued"), 1, false);
    close(publisher);

    Received received = new Received();
    MqttClient back = connect(broker, "testkit-it-persistent", false, received);
    MqttMessage message = received.next();
    assertThat(message).isNotNull();
    assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("queued");
    close(back);
  }

  private static MqttClient connect(
      MqttBroker broker, String clientId, boolean cleanStart, Received callback)
      throws MqttException {
    MqttClient client = new MqttClient(broker.uri(), clientId, new MemoryPersistence());
    client.setCallback(callback);
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(cleanStart);
    options.setSessionExpiryInterval(cleanStart ? 0L : 3600L);
    client.connect(options);
    return client;
  }

  private static void close(MqttClient... clients) throws MqttException {
    for (MqttClient client : clients) {
      client.disconnect();
      client.close();
    }
  }

  private static byte[] payload(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Collects arriving messages so the test can wait for one with a deadline. */
  private static final class Received extends MessageCallback {
    private final BlockingQueue<MqttMessage> messages = new LinkedBlockingQueue<>();

    MqttMessage next() throws InterruptedException {
      return messages.poll(RECEIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      messages.add(message);
    }
  }
}
