package io.heatwatch.watchdog;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;

/** {@code java io.heatwatch.watchdog.Main <watchdog.properties>}: runs until stopped. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    // Before the first logger: logs to stderr, stdout is for the metrics lines.
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "log4j2-watchdog.xml");
    }
    if (args.length != 1) {
      System.err.println("usage: watchdog <watchdog.properties>");
      System.err.println(WatchdogConfig.DEFINITION.toRst());
      System.exit(2);
    }
    WatchdogConfig config;
    try {
      config = WatchdogConfig.load(Path.of(args[0]));
    } catch (ConfigException e) {
      System.err.println("watchdog: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Watchdog watchdog = Watchdog.start(config, Clock.systemUTC(), System.out);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  watchdog.close();
                  stop.countDown();
                },
                "watchdog-stop"));
    stop.await();
  }
}
