package io.heatwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.console.api.AuthApi;
import io.heatwatch.console.auth.Role;
import io.heatwatch.console.auth.UserStore;
import io.heatwatch.console.config.ConsoleConfig;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Logins under abuse, on a console of its own (its limits are spent here): bursts from one address,
 * guesses at one user from many, and names made to forge log lines. Other loopback addresses
 * (127.0.0.2…) stand for other clients.
 */
@ExtendWith({KafkaExtension.class, ElasticsearchExtension.class})
class LoginIT {
  private static final String PASSWORD = "correct horse battery staple";
  private static ConsoleServer console;
  private static URI url;

  @BeforeAll
  static void start(KafkaServer kafka, ElasticsearchServer elasticsearch) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "login-it"));
    Path users = dir.resolve("users");
    Files.deleteIfExists(users);
    for (String name : new String[] {"ann", "bob", "cat"}) {
      UserStore.addUser(users, name, Role.VIEWER, PASSWORD.toCharArray());
    }
    Map<String, String> settings = new HashMap<>();
    settings.put(ConsoleConfig.PORT, "0");
    settings.put(ConsoleConfig.USERS_FILE, users.toString());
    settings.put(ConsoleConfig.ELASTICSEARCH_HOSTS, elasticsearch.httpUrl());
    settings.put(ConsoleConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(ConsoleConfig.LOGIN_PER_ADDRESS, "5");
    settings.put(ConsoleConfig.LOGIN_FAILURES_PER_USER, "8");
    console = ConsoleServer.start(ConsoleConfig.fromMap(settings), Clock.systemUTC());
    url = URI.create(console.url());
  }

  @AfterAll
  static void stop() throws Exception {
    if (console != null) {
      console.close();
    }
  }

  @Test
  void aBurstFromOneAddressGets429AndAnotherAddressStillLogsIn() throws IOException {
    for (int i = 0; i < 5; i++) {
      assertThat(login("127.0.0.2", "ann", "wrong " + i).status()).isEqualTo(401);
    }
    Answer limited = login("127.0.0.2", "ann", PASSWORD);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.head()).containsIgnoringCase("Retry-After:");

    assertThat(login("127.0.0.3", "ann", PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void guessesAtOneUserFromManyAddressesGet429() throws IOException {
    for (int i = 0; i < 8; i++) {
      assertThat(login("127.0.1." + (i + 1), "bob", "wrong").status()).isEqualTo(401);
    }
    assertThat(login("127.0.1.100", "bob", "wrong").status()).isEqualTo(429);
    // another user is not held back by bob's guessers
    assertThat(login("127.0.1.101", "cat", PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aUserNameWithALineBreakIsLoggedEscaped() throws IOException {
    try (CapturedLog log = new CapturedLog(AuthApi.class)) {
      assertThat(login("127.0.0.4", "eve\nINFO login: olga (operator)", "x").status())
          .isEqualTo(401);

      assertThat(log.messages).anySatisfy(m -> assertThat(m).contains("eve\\nINFO login"));
      assertThat(log.messages).noneSatisfy(m -> assertThat(m).contains("\n"));
    }
  }

  /** A status and the response head. */
  record Answer(int status, String head) {}

  /** {@code POST /api/login} over a socket bound to {@code from}, a loopback address. */
  private static Answer login(String from, String user, String password) throws IOException {
    byte[] body =
        ConsoleServer.json().writeValueAsBytes(Map.of("username", user, "password", password));
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/login HTTP/1.1\r\nHost: "
                  + url.getHost()
                  + ":"
                  + url.getPort()
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String response = all.toString(StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String head = end < 0 ? response : response.substring(0, end);
      return new Answer(Integer.parseInt(head.split(" ", 3)[1]), head);
    }
  }
}
