package io.heatwatch.e2e;

import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** QoS 1 subscriptions with a listener, through the one Paho overload that works. */
final class Subscriptions {
  private Subscriptions() {}

  /**
   * Subscribes {@code client} to {@code filter} at QoS 1. Paho 1.2.5's {@code subscribe(String,
   * int, IMqttMessageListener)} calls itself until the stack overflows; the array form does not.
   */
  static void qos1(MqttClient client, String filter, IMqttMessageListener listener)
      throws MqttException {
    client
        .subscribe(
            new MqttSubscription[] {new MqttSubscription(filter, 1)},
            new IMqttMessageListener[] {listener})
        .waitForCompletion(10_000);
  }
}
