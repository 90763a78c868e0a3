package io.heatwatch.edge;

import com.pi4j.Pi4J;
import io.heatwatch.edge.clock.SystemdClockSync;
import io.heatwatch.edge.config.AgentConfig;
import io.heatwatch.edge.config.ConfigException;
import io.heatwatch.edge.config.ConfigLoader;
import io.heatwatch.edge.config.LoadedConfig;
import io.heatwatch.edge.config.PasswordFile;
import io.heatwatch.edge.gpio.Actuators;
import io.heatwatch.edge.gpio.GpioPins;
import io.heatwatch.edge.gpio.NoActuators;
import io.heatwatch.edge.gpio.Pi4jActuators;
import io.heatwatch.edge.outbox.OutboxLimits;
import io.heatwatch.edge.outbox.SqliteOutbox;
import io.heatwatch.edge.publish.Batching;
import io.heatwatch.edge.publish.MqttSession;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.edge.sensor.Sensor;
import io.heatwatch.edge.sensor.SensorSource;
import io.heatwatch.edge.sensor.SimulatedSensor;
import io.heatwatch.edge.sensor.SpikePlan;
import io.heatwatch.edge.sensor.w1.W1Bus;
import io.heatwatch.edge.sensor.w1.W1Sensors;
import io.heatwatch.edge.sensor.w1.W1Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The agent's command line: runs one device until stopped. */
@Command(
    name = "heatwatch-agent",
    mixinStandardHelpOptions = true,
    description =
        "Reads DS18B20 sensors and publishes every reading over MQTT v5, store-and-forward.")
public final class Main implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      defaultValue = "/etc/heatwatch/agent.yaml",
      description = "Configuration file (default ${DEFAULT-VALUE})")
  Path configFile;

  @Option(
      names = "--check-config",
      description = "Validate the configuration, print the problems, exit")
  boolean checkConfig;

  @Option(
      names = "--list-sensors",
      description = "List the sensors on the bus with a live reading, exit")
  boolean listSensors;

  @Option(names = "--simulate", description = "Use N simulated sensors instead of the 1-Wire bus")
  Integer simulate;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadedConfig loaded;
    try {
      loaded = ConfigLoader.read(configFile, System.getenv());
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    // At start the warnings go to the journal (stderr); --check-config prints them with its
    // verdict.
    PrintWriter warnings = checkConfig ? out : err;
    AgentConfig config = loaded.config();
    loaded.warnings().forEach(warning -> warnings.println(configFile + ": warning: " + warning));
    config.warnings().forEach(warning -> warnings.println(configFile + ": warning: " + warning));
    String passwordProblem = PasswordFile.problem(config.mqtt().passwordFile());
    if (passwordProblem != null) {
      err.println(configFile + ": " + passwordProblem);
      return 2;
    }
    if (checkConfig) {
      out.println(configFile + ": OK");
      return 0;
    }
    if (simulate != null) {
      String problem = AgentConfig.simulatedSensorsProblem(config.deviceId(), simulate);
      if (problem != null) {
        err.println("--simulate: " + problem);
        return 2;
      }
    }
    SensorSource sensors = sensors(config);
    if (listSensors) {
      List<Sensor> found = sensors.get();
      for (Sensor sensor : found) {
        Sample sample = sensor.read(Clock.systemUTC().instant());
        out.printf(
            "%-18s %-15s %s%n",
            sensor.id(), sample.quality(), sample.tempC() == null ? "-" : sample.tempC() + " °C");
      }
      out.printf("%d sensor(s) on %s%n", found.size(), config.sensors().w1Devices());
      return found.isEmpty() ? 1 : 0;
    }
    try {
      run(config, sensors);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    return 0;
  }

  private SensorSource sensors(AgentConfig config) {
    int simulated =
        simulate != null ? simulate : config.simulate() == null ? 0 : config.simulate().sensors();
    if (simulated > 0) {
      long seed =
          config.simulate() == null ? config.deviceId().hashCode() : config.simulate().seed();
      long spikeEvery = config.simulate() == null ? 0 : config.simulate().spikeEvery();
      List<Sensor> list = new ArrayList<>();
      for (int i = 1; i <= simulated; i++) {
        SpikePlan plan =
            i == 1 && spikeEvery > 0 ? new SpikePlan(spikeEvery, spikeEvery, 20.0) : SpikePlan.NONE;
        list.add(
            new SimulatedSensor(
                AgentConfig.simulatedSensorId(config.deviceId(), i),
                20.0 + i,
                seed * 31 + i,
                plan));
      }
      return SensorSource.fixed(list);
    }
    Set<String> configured = new HashSet<>();
    config.sensors().list().forEach(s -> configured.add(s.id()));
    Map<String, Double> calibration = new HashMap<>();
    config
        .sensors()
        .list()
        .forEach(s -> calibration.put(s.id(), s.calibrationC() == null ? 0.0 : s.calibrationC()));
    Map<String, Integer> resolution = new HashMap<>();
    config.sensors().list().stream()
        .filter(s -> s.resolutionBits() != null)
        .forEach(s -> resolution.put(s.id(), s.resolutionBits()));
    return new W1Sensors(
        new W1Bus(config.sensors().w1Devices()),
        new W1Settings(
            configured,
            calibration,
            resolution,
            config.sensors().crcRetries(),
            config.sensors().readTimeout()));
  }

  private static Actuators actuators(AgentConfig.Gpio gpio) {
    GpioPins pins = new GpioPins(gpio.alarmLed(), gpio.buzzer(), gpio.sensorPower());
    if (!pins.any()) {
      return new NoActuators("no pins in the gpio section of the configuration");
    }
    try {
      return new Pi4jActuators(Pi4J.newAutoContext(), pins, d -> Thread.sleep(d.toMillis()));
    } catch (RuntimeException e) {
      return new NoActuators("GPIO not available here: " + e.getMessage());
    }
  }

  private void run(AgentConfig config, SensorSource sensors) throws InterruptedException {
    AgentConfig.Mqtt m = config.mqtt();
    char[] password =
        m.passwordFile() == null ? null : PasswordFile.read(configFile, m.passwordFile());
    MqttSettings.Tls tls =
        m.caFile() == null ? null : new MqttSettings.Tls(m.caFile(), m.certFile(), m.keyFile());
    MqttSettings mqtt =
        MqttSettings.builder(m.uri())
            .login(m.username(), password)
            .tls(tls)
            .sessionExpiry(m.sessionExpiry())
            .batching(new Batching(m.window(), m.batch()))
            .build();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    AgentIdentity identity = AgentIdentity.of(config.site(), config.deviceId());
    Clock clock = Clock.systemUTC();
    Agent agent =
        Agent.builder()
            .identity(identity)
            .sensors(sensors)
            .outbox(
                SqliteOutbox.open(
                    config.dataDir().resolve("outbox.db"),
                    identity,
                    new OutboxLimits(config.outbox().maxReadings(), config.outbox().maxAge()),
                    clock))
            .uplink(
                new MqttSession(mqtt, config.site(), config.deviceId(), scheduler), mqtt.batching())
            .clock(clock)
            .clockSync(SystemdClockSync.system())
            .scheduler(scheduler)
            .cpuTemperature(config.sensors().cpuTemperature())
            .localAlarms(
                new LocalAlarms(actuators(config.gpio()), config.gpio().powerCycleAfter(), clock))
            .build();
    agent.connect();
    agent.schedule(config.period(), config.heartbeat());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  scheduler.shutdownNow();
                  stopped.countDown();
                },
                "agent-stop"));
    stopped.await();
  }
}
