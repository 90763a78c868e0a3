package io.heatwatch.edge;

import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * A persistent-session subscriber that records every reading a device delivered, in order, and how
 * many readings each message held.
 */
final class ReadingCollector implements AutoCloseable {
  private final MqttClient client;
  private final List<Long> arrivals = new ArrayList<>();
  private final List<Integer> messageSizes = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  ReadingCollector(String brokerUri, String topicFilter) throws MqttException {
    client = new MqttClient(brokerUri, "collector-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(3600L);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 2);
    client.connect(options);
    client.subscribe(
        new MqttSubscription[] {new MqttSubscription(topicFilter, 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
          (topic, message) -> add(message.getPayload())
        });
  }

  /**
   * What went wrong while receiving; a listener that throws would make Paho drop the connection.
   */
  synchronized List<String> problems() {
    return List.copyOf(problems);
  }

  private void add(byte[] payload) {
    try {
      add(TelemetryCodec.decodeReadings(payload));
    } catch (RuntimeException e) {
      synchronized (this) {
        problems.add(e + " in " + new String(payload, StandardCharsets.UTF_8));
      }
    }
  }

  private synchronized void add(List<Reading> readings) {
    messageSizes.add(readings.size());
    readings.forEach(reading -> arrivals.add(reading.seq()));
  }

  /** Readings per message, in arrival order. */
  synchronized List<Integer> messageSizes() {
    return List.copyOf(messageSizes);
  }

  /** Every seq in arrival order, duplicates included. */
  synchronized List<Long> arrivals() {
    return List.copyOf(arrivals);
  }

  /** Distinct seqs in order of first arrival. */
  synchronized List<Long> firstArrivals() {
    Set<Long> seen = new LinkedHashSet<>(arrivals);
    return List.copyOf(seen);
  }

  /** Deliveries beyond the first of each seq. */
  synchronized int duplicates() {
    return arrivals.size() - new LinkedHashSet<>(arrivals).size();
  }

  @Override
  public void close() throws MqttException {
    client.disconnect();
    client.close();
  }
}
