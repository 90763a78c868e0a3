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

  static DemoConsole start(LocalStack stack, Path dataDir, int port) throws IOException {
    String password = randomPassword();
    Path users = Files.createDirectories(dataDir.resolve("console")).resolve("users");
    Files.deleteIfExists(users);
    UserStore.addUser(users, USER, Role.OPERATOR, password.toCharArray());
    ConsoleServer console =
        ConsoleServer.start(
            ConsoleConfig.fromMap(
                Map.of(
                    ConsoleConfig.PORT, String.valueOf(port),
                    ConsoleConfig.USERS_FILE, users.toString(),
                    ConsoleConfig.ELASTICSEARCH_HOSTS, stack.elasticsearch().httpUrl(),
                    ConsoleConfig.KAFKA_BOOTSTRAP_SERVERS, stack.kafka().bootstrapServers())),
            Clock.systemUTC());
    return new DemoConsole(console, password);
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
