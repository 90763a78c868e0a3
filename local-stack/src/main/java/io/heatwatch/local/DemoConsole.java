package io.heatwatch.local;

import io.heatwatch.console.ConsoleServer;
import io.heatwatch.console.auth.Role;
import io.heatwatch.console.auth.UserStore;
import io.heatwatch.console.config.ConsoleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/**
 * The operator console of the demo, on the local stack's Elasticsearch and Kafka: one operator
 * {@value #USER} whose password is random per run (there is no default password anywhere).
 */
final class DemoConsole implements AutoCloseable {
  static final String USER = "demo";
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679";

  private final ConsoleServer console;
  private final String password;

  private DemoConsole(ConsoleServer console, String password) {
    this.console = console;
    this.password = password;
  }

  /**
   * The console on {@code port}, its health strip fed by the watchdog at {@code watchdogHealth}.
   */
  static DemoConsole start(LocalStack stack, Path dataDir, int port, String watchdogHealth)
      throws IOException {
    String password = randomPassword();
    Path users = Files.createDirectories(dataDir.resolve("console")).resolve("users");
    Files.deleteIfExists(users);
    UserStore.addUser(users, USER, Role.OPERATOR, password.toCharArray());
    ConsoleServer console =
        ConsoleServer.start(
            ConsoleConfig.fromMap(settings(stack, users, port, watchdogHealth)), Clock.systemUTC());
    return new DemoConsole(console, password);
  }

  /** The console without a watchdog: no health strip. */
  static DemoConsole start(LocalStack stack, Path dataDir, int port) throws IOException {
    return start(stack, dataDir, port, null);
  }

  private static Map<String, String> settings(
      LocalStack stack, Path users, int port, String watchdogHealth) {
    Map<String, String> settings = new java.util.HashMap<>();
    settings.put(ConsoleConfig.PORT, String.valueOf(port));
    settings.put(ConsoleConfig.USERS_FILE, users.toString());
    settings.put(ConsoleConfig.ELASTICSEARCH_HOSTS, stack.elasticsearch().httpUrl());
    settings.put(ConsoleConfig.KAFKA_BOOTSTRAP_SERVERS, stack.kafka().bootstrapServers());
    if (watchdogHealth != null) {
      settings.put(ConsoleConfig.WATCHDOG_URL, watchdogHealth);
    }
    return settings;
  }

  private static String randomPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }

  String url() {
    return console.url();
  }

  String password() {
    return password;
  }

  @Override
  public void close() throws Exception {
    console.close();
  }
}
