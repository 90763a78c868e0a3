package io.heatwatch.e2e;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.MessageCallback;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Listens on the downlink alarm topics of one site, {@code heatwatch/v1/{site}/+/alarms}, the
 * topics the devices subscribe to, with a persistent session so broker outages lose nothing.
 */
final class DownlinkObserver implements AutoCloseable {
  private final MqttClient client;
  private final Set<String> received = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

  DownlinkObserver(String mqttUri, String site) throws MqttException {
    client = new MqttClient(mqttUri, "e2e-downlink-" + site, new MemoryPersistence());
    client.setCallback(new Collector());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(3600L);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 5);
    client.connect(options);
    client.subscribe("heatwatch/v1/" + site + "/+/alarms", 1);
  }

  /** {@code alarmId@version} of every alarm event received. */
  Set<String> received() {
    return received;
  }

  /** Messages received in all, redeliveries included. */
  int deliveries() {
    return deliveries.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }

  private final class Collector extends MessageCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      Alarm alarm = TelemetryCodec.decodeAlarm(message.getPayload());
      String key = alarm.alarmId() + "@" + alarm.version();
      received.add(key);
      deliveries.merge(key, 1, Integer::sum);
    }
  }
}
