package io.heatwatch.console;

import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Devices as the bridge delivers them: every sensor's reading every half second, a status per
 * device, and a sensor that can be held at any temperature (an injected fault).
 */
final class SimulatedFleet implements AutoCloseable {
  final List<String> devices = new ArrayList<>();
  final List<String> sensors = new ArrayList<>();
  private final Map<String, Double> held = new ConcurrentHashMap<>();
  private final KafkaProducer<byte[], byte[]> producer;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private long seq;
  private long tick;

  SimulatedFleet(String bootstrapServers, String prefix, int deviceCount, int sensorsPerDevice) {
    for (int d = 0; d < deviceCount; d++) {
      String device = prefix + "-pi" + d;
      devices.add(device);
      for (int s = 0; s < sensorsPerDevice; s++) {
        sensors.add(device + "-t" + s);
      }
    }
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    timer.scheduleAtFixedRate(this::tick, 0, 500, TimeUnit.MILLISECONDS);
  }

  /** From now on the sensor reads {@code tempC}, until {@link #release}. */
  void hold(String sensor, double tempC) {
    held.put(sensor, tempC);
  }

  void release(String sensor) {
    held.remove(sensor);
  }

  static String deviceOf(String sensor) {
    return sensor.substring(0, sensor.lastIndexOf("-t"));
  }

  private void tick() {
    Instant now = Instant.now();
    if (tick++ % 20 == 0) {
      for (String device : devices) {
        DeviceStatus status =
            DeviceStatus.builder()
                .site("lab")
                .deviceId(device)
                .state(DeviceStatus.DeviceState.ONLINE)
                .ts(now)
                .bootId("boot-1")
                .agentVersion("0.1.0")
                .outboxDepth(0L)
                .dropped(0L)
                .uptimeS(tick / 2)
                .cpuTempC(48.5)
                .build();
        send(KafkaTopics.DEVICE_STATUS, device, TelemetryCodec.encode(status));
      }
    }
    for (int i = 0; i < sensors.size(); i++) {
      String sensor = sensors.get(i);
      double base = 4.0 + i * 1.5;
      double wave = Math.sin((tick + i * 7) / 12.0) * 0.3;
      double tempC = held.getOrDefault(sensor, Math.round((base + wave) * 16) / 16.0);
      String device = deviceOf(sensor);
      Reading reading = Reading.ok("lab", device, sensor, ++seq, now, tempC);
      send(KafkaTopics.READINGS, device, TelemetryCodec.encode(reading));
    }
  }

  private void send(String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(5, TimeUnit.SECONDS);
    producer.close();
  }
}
