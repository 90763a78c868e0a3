package io.heatwatch.e2e;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The broker alone: one QoS 1 publisher to one QoS 1 subscriber through the chain's broker,
 * 180-byte messages as fast as a bounded in-flight window allows, the baseline the chain is
 * measured against.
 */
final class BareBroker {
  private static final int WINDOW = 500;

  private BareBroker() {}

  /** Messages per second end to end for {@code count} messages. */
  static double throughput(String mqttUri, int count) throws Exception {
    CountDownLatch arrived = new CountDownLatch(count);
    MqttClient subscriber = new MqttClient(mqttUri, "bare-sub", new MemoryPersistence());
    MqttConnectionOptions subOptions = new MqttConnectionOptions();
    subOptions.setCleanStart(true);
    subOptions.setReceiveMaximum(WINDOW);
    subscriber.connect(subOptions);
    Subscriptions.qos1(subscriber, "bench/throughput", (topic, message) -> arrived.countDown());
    MqttAsyncClient publisher = new MqttAsyncClient(mqttUri, "bare-pub", new MemoryPersistence());
    MqttConnectionOptions pubOptions = new MqttConnectionOptions();
    pubOptions.setCleanStart(true);
    pubOptions.setReceiveMaximum(WINDOW);
    publisher.connect(pubOptions).waitForCompletion(10_000);
    try {
      byte[] payload = new byte[180];
      long start = System.nanoTime();
      int sent = 0;
      while (sent < count) {
        try {
          publisher.publish("bench/throughput", new MqttMessage(payload, 1, false, null));
          sent++;
        } catch (MqttException e) {
          // The broker's receive maximum is the in-flight window: wait for a PUBACK.
          if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
            throw e;
          }
          Thread.sleep(0, 100_000);
        }
      }
      if (!arrived.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException(arrived.getCount() + " of " + count + " never arrived");
      }
      return count / ((System.nanoTime() - start) / 1e9);
    } finally {
      publisher.disconnect().waitForCompletion(10_000);
      publisher.close();
      subscriber.disconnect();
      subscriber.close();
    }
  }
}
