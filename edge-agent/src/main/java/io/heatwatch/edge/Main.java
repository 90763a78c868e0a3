package io.heatwatch.edge;

import io.heatwatch.edge.outbox.SeqStore;
import io.heatwatch.edge.publish.MqttPublisher;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.edge.sensor.SimulatedSensor;
import io.heatwatch.edge.sensor.SpikePlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The agent's command line: runs one device until stopped. */
@Command(
    name = "heatwatch-agent",
    mixinStandardHelpOptions = true,
    description = "Reads temperature sensors and publishes readings over MQTT v5.")
public final class Main implements Callable<Integer> {
  @Option(names = "--broker", required = true, description = "Broker URI, e.g. ssl://host:8883")
  String broker;

  @Option(names = "--site", required = true, description = "Site id, e.g. home")
  String site;

  @Option(names = "--device", required = true, description = "Device id, e.g. pi-kitchen")
  String device;

  @Option(
      names = "--simulate",
      description = "Number of simulated sensors (default ${DEFAULT-VALUE})",
      defaultValue = "2")
  int simulatedSensors;

  @Option(
      names = "--spike-every",
      description =
          "Inject a spike every N reads of the first sensor, 0 for none (default ${DEFAULT-VALUE})",
      defaultValue = "0")
  long spikeEvery;

  @Option(
      names = "--period",
      description = "Time between reads (ISO-8601, default ${DEFAULT-VALUE})",
      defaultValue = "PT10S")
  Duration period;

  @Option(
      names = "--data-dir",
      description = "Where the agent keeps its state (default ${DEFAULT-VALUE})",
      defaultValue = "/var/lib/heatwatch")
  Path dataDir;

  @Option(names = "--username", description = "MQTT user name")
  String username;

  @Option(names = "--password-file", description = "File holding the MQTT password")
  Path passwordFile;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    char[] password =
        passwordFile == null
            ? null
            : Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
    MqttSettings mqtt =
        new MqttSettings(
            broker,
            username,
            password,
            Duration.ofDays(7),
            Duration.ofSeconds(30),
            Duration.ofSeconds(10));
    List<Sensor> sensors = new ArrayList<>();
    for (int i = 1; i <= simulatedSensors; i++) {
      SpikePlan plan =
          i == 1 && spikeEvery > 0 ? new SpikePlan(spikeEvery, spikeEvery, 20.0) : SpikePlan.NONE;
      sensors.add(
          new SimulatedSensor(device + "-t" + i, 21.0 + i, device.hashCode() * 31L + i, plan));
    }
    Agent agent =
        new Agent(
            AgentIdentity.of(site, device),
            sensors,
            SeqStore.open(dataDir.resolve("seq")),
            new MqttPublisher(mqtt, site, device, dataDir.resolve("mqtt")),
            Clock.systemUTC());
    agent.connect();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    scheduler.scheduleAtFixedRate(agent::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  scheduler.shutdownNow();
                  agent.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }
}
