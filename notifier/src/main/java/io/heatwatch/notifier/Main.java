package io.heatwatch.notifier;

import io.heatwatch.notifier.config.ConfigException;
import io.heatwatch.notifier.config.NotifierConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar heatwatch-notifier.jar --config notifier.yml}: runs until stopped. */
@Command(
    name = "heatwatch-notifier",
    mixinStandardHelpOptions = true,
    description = "Delivers heatwatch's notification intents to people (see notifier/README.md).")
public final class Main implements java.util.concurrent.Callable<Integer> {
  @Option(
      names = {"-c", "--config"},
      required = true,
      description = "the YAML configuration file")
  private Path config;

  public static void main(String[] args) {
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "log4j2-notifier.xml");
    }
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    NotifierConfig cfg;
    try {
      cfg = NotifierConfig.load(config);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Notifier notifier;
    try {
      notifier = Notifier.start(cfg, Clock.systemUTC());
    } catch (RuntimeException e) {
      // A missing topic, Kafka out of reach, a port in use: one line, as for a bad file.
      System.err.println("cannot start the notifier: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  notifier.close();
                  stopped.countDown();
                },
                "notifier-shutdown"));
    stopped.await();
    return 0;
  }
}
