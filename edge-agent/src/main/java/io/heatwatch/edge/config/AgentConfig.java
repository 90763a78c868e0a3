package io.heatwatch.edge.config;

import io.heatwatch.edge.publish.Batching;
import io.heatwatch.model.Durations;
import io.heatwatch.model.Pipeline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The agent's configuration, read from {@code /etc/heatwatch/agent.yaml}; see {@code
 * edge-agent/dist/agent.yaml} for every key with its default.
 *
 * @param site site id
 * @param deviceId device id, also the MQTT user name's usual value
 * @param dataDir where the outbox lives
 * @param period time between sensor reads
 * @param heartbeat time between status heartbeats
 * @param mqtt broker connection
 * @param sensors the DS18B20 bus and per-sensor settings
 * @param simulate simulated sensors instead of the bus, {@code null} for real hardware
 * @param outbox outbox bounds
 * @param gpio wired outputs
 */
public record AgentConfig(
    String site,
    String deviceId,
    Path dataDir,
    Duration period,
    Duration heartbeat,
    Mqtt mqtt,
    Sensors sensors,
    Simulate simulate,
    OutboxBounds outbox,
    Gpio gpio) {

  private static final Pattern SEGMENT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** Fills in defaults for what the file left out. */
  public AgentConfig {
    dataDir = dataDir == null ? Path.of("/var/lib/heatwatch") : dataDir;
    period = period == null ? Duration.ofSeconds(10) : period;
    heartbeat = heartbeat == null ? Duration.ofSeconds(30) : heartbeat;
    sensors = sensors == null ? new Sensors(null, null, null, null, null) : sensors;
    outbox = outbox == null ? new OutboxBounds(null, null) : outbox;
    gpio = gpio == null ? new Gpio(null, null, null, null) : gpio;
  }

  /** Every problem of this configuration, one line each; empty when it is usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (site == null || !SEGMENT.matcher(site).matches()) {
      problems.add("site: must match " + SEGMENT + " (got " + site + ")");
    }
    if (deviceId == null || !SEGMENT.matcher(deviceId).matches()) {
      problems.add("device-id: must match " + SEGMENT + " (got " + deviceId + ")");
    } else if (Pipeline.isReserved(deviceId)) {
      problems.add(
          "device-id: "
              + deviceId
              + " is reserved for heatwatch's own pipeline (its canary and PIPELINE_STALLED"
              + " alarms); give this device another id");
    }
    if (period.compareTo(Duration.ofMillis(100)) < 0) {
      problems.add("period: must be at least 100 ms (got " + Durations.format(period) + ")");
    }
    if (heartbeat.compareTo(Duration.ofSeconds(1)) < 0) {
      problems.add("heartbeat: must be at least 1 s (got " + Durations.format(heartbeat) + ")");
    }
    if (mqtt == null) {
      problems.add("mqtt: section is required (at least mqtt.uri)");
    } else {
      problems.addAll(mqtt.problems());
    }
    problems.addAll(sensors.problems());
    if (outbox.maxReadings() < 1) {
      problems.add("outbox.max-readings: must be >= 1 (got " + outbox.maxReadings() + ")");
    }
    if (gpio.powerCycleAfter() < 0) {
      problems.add("gpio.power-cycle-after: must be >= 0 (got " + gpio.powerCycleAfter() + ")");
    }
    if (simulate != null && (simulate.sensors() < 1 || simulate.sensors() > 64)) {
      problems.add("simulate.sensors: must be within 1..64 (got " + simulate.sensors() + ")");
    } else if (simulate != null) {
      String problem = simulatedSensorsProblem(deviceId, simulate.sensors());
      if (problem != null) {
        problems.add("simulate.sensors: " + problem);
      }
    }
    return problems;
  }

  /** The contract's longest sensor id. */
  public static final int MAX_SENSOR_ID_LENGTH = 64;

  /** The id of simulated sensor {@code n} (1-based) of device {@code deviceId}. */
  public static String simulatedSensorId(String deviceId, int n) {
    return deviceId + "-t" + n;
  }

  /**
   * Why {@code sensors} simulated sensors cannot be named after {@code deviceId}, {@code null} when
   * they can: every reading of a sensor with a longer id would be refused by the contract.
   */
  public static String simulatedSensorsProblem(String deviceId, int sensors) {
    String longest = simulatedSensorId(deviceId, sensors);
    if (deviceId == null || longest.length() <= MAX_SENSOR_ID_LENGTH) {
      return null;
    }
    return "sensor id "
        + longest
        + " is longer than "
        + MAX_SENSOR_ID_LENGTH
        + " characters; use a shorter device-id or fewer sensors";
  }

  /**
   * What is usable but probably wrong, one line each: the agent starts anyway.
   *
   * <p>The production ACL lets a device publish only under its own user name ({@code %u}); a user
   * name that is not the device id (a shared {@code agent.yaml} with {@code HEATWATCH_DEVICE_ID}
   * set per card) has every reading refused with PUBACK 0x87.
   */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    if (mqtt != null && mqtt.username() != null && !mqtt.username().equals(deviceId)) {
      warnings.add(
          "mqtt.username: "
              + mqtt.username()
              + " is not the device-id "
              + deviceId
              + "; a per-device ACL (Mosquitto %u, as in infra/mosquitto/acl) refuses its"
              + " publishes");
    }
    return warnings;
  }

  /**
   * The broker connection.
   *
   * @param uri {@code ssl://host:8883} (or {@code tcp://} on a trusted network)
   * @param username user name
   * @param passwordFile file holding the password (never the password itself in this file)
   * @param caFile PEM CA certificate for {@code ssl://}
   * @param certFile PEM client certificate
   * @param keyFile PEM PKCS#8 private key
   * @param sessionExpiry how long the broker keeps the session
   * @param window messages in flight at most
   * @param batch readings per message at most
   */
  public record Mqtt(
      String uri,
      String username,
      Path passwordFile,
      Path caFile,
      Path certFile,
      Path keyFile,
      Duration sessionExpiry,
      Integer window,
      Integer batch) {
    public Mqtt {
      sessionExpiry = sessionExpiry == null ? Duration.ofDays(7) : sessionExpiry;
      window = window == null ? Batching.DEFAULT_WINDOW : window;
      batch = batch == null ? Batching.DEFAULT_BATCH : batch;
    }

    List<String> problems() {
      List<String> problems = new ArrayList<>();
      if (uri == null || !uri.matches("(tcp|ssl)://[^/:]+:\\d{1,5}")) {
        problems.add("mqtt.uri: expected ssl://host:port or tcp://host:port (got " + uri + ")");
      }
      if ((certFile == null) != (keyFile == null)) {
        problems.add("mqtt.cert-file and mqtt.key-file: give both or neither");
      }
      if (certFile != null && caFile == null) {
        problems.add("mqtt.ca-file: required with a client certificate");
      }
      if (window < 1 || window > 1000) {
        problems.add("mqtt.window: must be within 1..1000 (got " + window + ")");
      }
      if (batch < 1 || batch > Batching.MAX_BATCH) {
        problems.add(
            "mqtt.batch: must be within 1.." + Batching.MAX_BATCH + " (got " + batch + ")");
      }
      return problems;
    }
  }

  /**
   * Simulated sensors.
   *
   * @param sensors how many
   * @param seed random seed
   * @param spikeEvery a +20 °C spike every N reads of the first sensor, 0 for none
   */
  public record Simulate(int sensors, long seed, long spikeEvery) {}

  /**
   * Outbox bounds.
   *
   * @param maxReadings most readings kept
   * @param maxAge oldest kept
   */
  public record OutboxBounds(Long maxReadings, Duration maxAge) {
    public OutboxBounds {
      maxReadings = maxReadings == null ? 4_838_400L : maxReadings;
      maxAge = maxAge == null ? Duration.ofDays(30) : maxAge;
    }
  }

  /**
   * BCM pin numbers of the wired outputs; leave out what is not wired.
   *
   * @param alarmLed LED lit while an alarm is open
   * @param buzzer buzzer sounding while an alarm is open
   * @param sensorPower pin switching the sensors' supply
   * @param powerCycleAfter power-cycle the bus after this many ticks with every sensor failing, 0
   *     for never
   */
  public record Gpio(
      Integer alarmLed, Integer buzzer, Integer sensorPower, Integer powerCycleAfter) {
    public Gpio {
      powerCycleAfter = powerCycleAfter == null ? 5 : powerCycleAfter;
    }
  }
}
