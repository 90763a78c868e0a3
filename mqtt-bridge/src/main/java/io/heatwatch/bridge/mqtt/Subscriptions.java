package io.heatwatch.bridge.mqtt;

import io.heatwatch.bridge.config.MqttSourceConnectorConfig;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source task's subscriptions: subscribes its filters and remembers whether the broker answered
 * and whether it refused one (a SUBACK reason code >= 0x80, which Paho completes successfully, or a
 * failed token).
 */
final class Subscriptions {
  private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

  private final MqttSourceConnectorConfig config;
  private final String clientId;
  private final CountDownLatch answered = new CountDownLatch(1);
  private volatile String refusal;

  Subscriptions(MqttSourceConnectorConfig config, String clientId) {
    this.config = config;
    this.clientId = clientId;
  }

  /**
   * Subscribes without waiting: this runs on Paho's callback thread, which also completes the
   * SUBACK token and delivers the session's queued messages, so waiting here would stall both.
   */
  void subscribe(MqttAsyncClient client) throws MqttException {
    MqttSubscription[] subscriptions =
        config.topics.stream()
            .map(filter -> new MqttSubscription(config.subscriptionFilter(filter), config.qos))
            .toArray(MqttSubscription[]::new);
    client.subscribe(
        subscriptions,
        null,
        new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            int[] codes = token.getReasonCodes();
            for (int i = 0; codes != null && i < codes.length; i++) {
              if (codes[i] >= 0x80) {
                refused(
                    "broker refused subscription "
                        + subscriptions[Math.min(i, subscriptions.length - 1)].getTopic()
                        + " of "
                        + clientId
                        + " (reason code 0x"
                        + Integer.toHexString(codes[i])
                        + ")");
              }
            }
            answered.countDown();
          }

          @Override
          public void onFailure(IMqttToken token, Throwable error) {
            refused("subscribe of " + clientId + " to " + config.topics + " failed: " + error);
            answered.countDown();
          }
        },
        (MqttProperties) null);
  }

  /** Waits for the first answer; false when none came within {@code timeoutMs}. */
  boolean awaitAnswer(long timeoutMs) throws InterruptedException {
    return answered.await(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** Why the broker refused a subscription, or null. */
  String refusal() {
    return refusal;
  }

  private void refused(String reason) {
    LOG.error(reason);
    refusal = reason;
  }
}
