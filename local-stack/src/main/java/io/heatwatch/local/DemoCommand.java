package io.heatwatch.local;

import io.heatwatch.edge.SimulatedFleet;
import io.heatwatch.edge.SimulatedFleet.FleetSpec;
import io.heatwatch.edge.publish.MqttSettings;
import io.heatwatch.edge.sensor.SpikePlan;
import io.heatwatch.watchdog.Watchdog;
import io.heatwatch.watchdog.WatchdogConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./heatwatch demo}: the whole stack with simulated devices until Ctrl-C. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Start the whole stack on 127.0.0.1 with simulated devices (Ctrl-C stops).")
final class DemoCommand implements Callable<Integer> {
  private static final Duration STATUS_EVERY = Duration.ofSeconds(10);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  /** A site's alarms this soon after its first go as one message (production default: 1 min). */
  private static final Duration DEMO_GROUP_WINDOW = Duration.ofSeconds(20);

  @Option(
      names = "--devices",
      defaultValue = "3",
      description = "Simulated devices (default ${DEFAULT-VALUE})")
  int devices;

  @Option(
      names = "--sensors",
      defaultValue = "2",
      description = "Sensors per device (default ${DEFAULT-VALUE})")
  int sensors;

  @Option(
      names = "--rate",
      defaultValue = "1",
      description = "Readings per second per sensor (default ${DEFAULT-VALUE})")
  double rate;

  @Option(
      names = "--spike-every",
      defaultValue = "180",
      description =
          "A spike on each device's first sensor every N readings, 0 for none (default ${DEFAULT-VALUE})")
  long spikeEvery;

  @Option(
      names = "--data-dir",
      defaultValue = ".heatwatch/demo",
      description = "Where the servers keep their data (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(
      names = "--duration",
      converter = DurationOption.class,
      description = "Stop after this long (e.g. 10 min, 90 s); default: until Ctrl-C")
  Duration duration;

  @Option(
      names = "--mqtt-port",
      defaultValue = "1883",
      description = "MQTT port (default ${DEFAULT-VALUE})")
  int mqttPort;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description = "Kafka port (default ${DEFAULT-VALUE})")
  int kafkaPort;

  @Option(
      names = "--connect-port",
      defaultValue = "8083",
      description = "Connect REST port (default ${DEFAULT-VALUE})")
  int connectPort;

  @Option(
      names = "--flink-port",
      defaultValue = "8081",
      description = "Flink web UI port (default ${DEFAULT-VALUE})")
  int flinkPort;

  @Option(
      names = "--es-port",
      defaultValue = "9200",
      description = "Elasticsearch port (default ${DEFAULT-VALUE})")
  int esPort;

  @Option(
      names = "--console-port",
      defaultValue = "8090",
      description = "operator console port (default ${DEFAULT-VALUE})")
  int consolePort;

  @Option(
      names = "--watchdog-port",
      defaultValue = "8095",
      description = "pipeline watchdog /health port (default ${DEFAULT-VALUE})")
  int watchdogPort;

  @Option(
      names = "--notifier-port",
      defaultValue = "8096",
      description = "notifier /health and acknowledgement links port (default ${DEFAULT-VALUE})")
  int notifierPort;

  @Override
  public Integer call() throws Exception {
    if (rate <= 0 || rate > 100) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--rate must be within (0, 100], got " + rate);
    }
    PrintStream out = System.out;
    Instant begin = Instant.now();
    StackPorts ports = new StackPorts(mqttPort, kafkaPort, connectPort, flinkPort, esPort);
    io.heatwatch.testkit.Ports.requireFree(consolePort, "--console-port");
    io.heatwatch.testkit.Ports.requireFree(watchdogPort, "--watchdog-port");
    io.heatwatch.testkit.Ports.requireFree(notifierPort, "--notifier-port");
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // Ctrl-C runs shutdown hooks and then halts: the hook waits until the servers are closed.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.countDown();
                  awaitQuietly(closed, SHUTDOWN_GRACE);
                },
                "heatwatch-demo-stop"));
    try (LocalStack stack = LocalStack.start(dataDir.toAbsolutePath(), ports);
        DemoConsole console =
            DemoConsole.start(
                stack,
                dataDir.toAbsolutePath(),
                consolePort,
                "http://127.0.0.1:" + watchdogPort + "/health");
        SimulatedFleet fleet =
            SimulatedFleet.connect(
                new FleetSpec("demo", "sim", devices, sensors, 42, spikePlan()),
                MqttSettings.plain(stack.mqtt().uri()),
                dataDir.toAbsolutePath().resolve("devices"),
                Clock.systemUTC());
        StackCounters counters =
            new StackCounters(
                stack.kafka().bootstrapServers(), stack.elasticsearch().httpUrl(), 3);
        DemoNotifications notifications =
            DemoNotifications.start(
                stack.kafka().bootstrapServers(),
                dataDir.toAbsolutePath(),
                notifierPort,
                DEMO_GROUP_WINDOW,
                out::println);
        PrintStream metrics = metricsFile();
        Watchdog watchdog =
            Watchdog.start(
                new WatchdogConfig(stack.watchdogSettings(watchdogPort)),
                Clock.systemUTC(),
                metrics)) {
      fleet.start(Duration.ofNanos((long) (1_000_000_000L / rate)));
      printTable(
          out, stack, console, watchdog, notifications, Duration.between(begin, Instant.now()));
      Instant deadline = duration == null ? Instant.MAX : Instant.now().plus(duration);
      while (Instant.now().isBefore(deadline)
          && !stop.await(STATUS_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
        out.printf(
            "%s  published %d  in Kafka %d  indexed %d  alarms open %d%n",
            java.time.LocalTime.now().withNano(0),
            fleet.published(),
            counters.inKafka(),
            counters.indexed(),
            counters.openAlarms());
        // each stage, the task, the job, the lag and the canary age; in words what is wrong
        out.println("  " + watchdog.status().line());
      }
      out.println("stopping…");
    } finally {
      closed.countDown();
    }
    out.println("stopped.");
    return 0;
  }

  private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private SpikePlan spikePlan() {
    return spikeEvery > 0
        ? new SpikePlan(Math.min(60, spikeEvery), spikeEvery, 20.0)
        : SpikePlan.NONE;
  }

  /**
   * The watchdog's CloudWatch metrics lines go to a file: on the terminal they would bury the
   * status.
   */
  private PrintStream metricsFile() throws java.io.IOException {
    Path file = dataDir.toAbsolutePath().resolve("watchdog-metrics.jsonl");
    java.nio.file.Files.createDirectories(file.getParent());
    return new PrintStream(
        java.nio.file.Files.newOutputStream(
            file, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND),
        true,
        java.nio.charset.StandardCharsets.UTF_8);
  }

  private void printTable(
      PrintStream out,
      LocalStack stack,
      DemoConsole console,
      Watchdog watchdog,
      DemoNotifications notifications,
      Duration startup) {
    out.println();
    out.printf(
        "heatwatch demo up in %.1f s — all servers on 127.0.0.1%n", startup.toMillis() / 1000.0);
    out.printf(
        "  %-26s %s  (login: %s / %s, new every run)%n",
        "Operator console", console.url(), DemoConsole.USER, console.password());
    out.printf("  %-26s %s%n", "MQTT broker (HiveMQ CE)", stack.mqtt().uri());
    out.printf("  %-26s %s%n", "Kafka (KRaft)", stack.kafka().bootstrapServers());
    out.printf("  %-26s %s%n", "Connect worker REST", stack.connect().restUrl());
    out.printf("  %-26s %s%n", "Flink web UI", stack.flink().webUrl());
    out.printf("  %-26s %s%n", "Elasticsearch", stack.elasticsearch().httpUrl());
    out.printf("  %-26s %s%n", "Pipeline watchdog", watchdog.healthUrl());
    out.printf("  %-26s %s%n", "Notifier", notifications.notifierUrl() + "health");
    out.printf(
        "  %-26s e-mail to %s (SMTP %s), webhook %s; each printed below as it arrives%n",
        "Notifications",
        DemoNotifications.RECIPIENT,
        notifications.smtpAddress(),
        notifications.webhookUrl());
    out.printf(
        "  %-26s %d devices × %d sensors at %s/s, data in %s%n",
        "Simulated devices", devices, sensors, rate, dataDir);
    out.printf("  try: curl '%s/heatwatch-readings-*/_count'%n", stack.elasticsearch().httpUrl());
    out.println();
  }
}
