package io.heatwatch.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heatwatch.console.auth.Role;
import io.heatwatch.console.auth.UserStore;
import io.heatwatch.console.config.ConsoleConfig;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchServer;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sessions and event streams on a console of its own, with a clock the test moves: users removed or
 * demoted, the absolute lifetime, streams that end with their session, caps, slow consumers.
 */
@ExtendWith({KafkaExtension.class, ElasticsearchExtension.class})
class SessionsIT {
  private static final String PASSWORD = "correct horse battery staple";
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final MovingClock CLOCK = new MovingClock();
  private static Path users;
  private static ConsoleServer console;
  private final List<HttpResponse<InputStream>> streams = new ArrayList<>();

  /** The system clock plus an offset the test adds to. */
  static final class MovingClock extends Clock {
    volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeAll
  static void start(KafkaServer kafka, ElasticsearchServer elasticsearch) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "sessions-it"));
    users = dir.resolve("users");
    Files.deleteIfExists(users);
    for (String name : new String[] {"ann", "bob", "cat", "dan", "eve", "fay", "gus"}) {
      UserStore.addUser(users, name, Role.OPERATOR, PASSWORD.toCharArray());
    }
    Map<String, String> settings = new HashMap<>();
    settings.put(ConsoleConfig.PORT, "0");
    settings.put(ConsoleConfig.USERS_FILE, users.toString());
    settings.put(ConsoleConfig.ELASTICSEARCH_HOSTS, elasticsearch.httpUrl());
    settings.put(ConsoleConfig.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    settings.put(ConsoleConfig.LOGIN_PER_ADDRESS, "1000");
    settings.put(ConsoleConfig.SESSION_TIMEOUT, "30 min");
    settings.put(ConsoleConfig.SESSION_MAX_LIFETIME, "1 h");
    settings.put(ConsoleConfig.EVENTS_PER_USER, "2");
    settings.put(ConsoleConfig.EVENTS_TOTAL, "4");
    settings.put(ConsoleConfig.EVENTS_MAX_QUEUED_BYTES, "262144");
    console = ConsoleServer.start(ConsoleConfig.fromMap(settings), CLOCK);
  }

  @AfterAll
  static void stop() throws Exception {
    if (console != null) {
      console.close();
    }
  }

  @AfterEach
  void closeStreams() throws IOException {
    // every session ends (past its lifetime), so the console ends their streams within a second
    CLOCK.offset = CLOCK.offset.plusHours(2);
    await().atMost(DEADLINE).until(() -> console.listeners() == 0);
    for (HttpResponse<InputStream> stream : streams) {
      stream.body().close();
    }
  }

  private ApiClient login(String user) {
    ApiClient client = new ApiClient(console.url());
    assertThat(client.login(user, PASSWORD).status()).isEqualTo(200);
    return client;
  }

  @Test
  void aRemovedUsersSessionEndsAtTheNextRequest() throws IOException {
    ApiClient ann = login("ann");
    assertThat(ann.get("/api/session").status()).isEqualTo(200);

    rewriteUsers("ann", null);

    assertThat(ann.get("/api/session").status()).isEqualTo(401);
  }

  @Test
  void aDemotedUsersSessionEndsAndTheirStreamToo() throws IOException {
    ApiClient bob = login("bob");
    CompletableFuture<Void> ended = open(bob);

    rewriteUsers("bob", "viewer");

    assertThat(bob.get("/api/session").status()).isEqualTo(401);
    await().atMost(DEADLINE).until(ended::isDone);
    ApiClient again = login("bob");
    assertThat(again.get("/api/session").body().path("role").asText()).isEqualTo("viewer");
  }

  @Test
  void aSessionEndsAfterItsLifetimeHoweverActive() {
    ApiClient cat = login("cat");
    for (int i = 0; i < 3; i++) {
      CLOCK.offset = CLOCK.offset.plusMinutes(19);
      assertThat(cat.get("/api/session").status()).as("after %d min", (i + 1) * 19).isEqualTo(200);
    }
    CLOCK.offset = CLOCK.offset.plusMinutes(19); // 76 min after login, never idle 30 min

    assertThat(cat.get("/api/session").status()).isEqualTo(401);
  }

  @Test
  void aStreamEndsAtLogoutAndAtExpiry() {
    ApiClient dan = login("dan");
    CompletableFuture<Void> atLogout = open(dan);
    assertThat(dan.post("/api/logout", Map.of()).status()).isEqualTo(200);
    await().atMost(DEADLINE).until(atLogout::isDone);

    ApiClient eve = login("eve");
    CompletableFuture<Void> atExpiry = open(eve);
    CLOCK.offset = CLOCK.offset.plusMinutes(31); // idle past the 30 min timeout
    await().atMost(DEADLINE).until(atExpiry::isDone);
  }

  @Test
  void streamsAreCappedPerUserAndInTotal() {
    ApiClient fay = login("fay");
    open(fay);
    open(fay);
    HttpResponse<InputStream> third = fay.events();
    streams.add(third);
    assertThat(third.statusCode()).isEqualTo(429);

    ApiClient gus = login("gus");
    open(gus);
    open(gus);
    await().atMost(DEADLINE).until(() -> console.listeners() == 4);
    ApiClient fay2 = login("fay");
    HttpResponse<InputStream> fifth = fay2.events();
    streams.add(fifth);
    assertThat(fifth.statusCode()).isEqualTo(429);
  }

  @Test
  void aConsumerThatDoesNotReadIsDropped() throws Exception {
    ApiClient ann = loginAnyone();
    String cookie = ann.cookie();
    URI url = URI.create(console.url());
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/events HTTP/1.1\r\nHost: "
                  + url.getHost()
                  + "\r\nAccept: text/event-stream\r\nCookie: "
                  + cookie
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      await().atMost(DEADLINE).until(() -> console.listeners() == 1);
      String big = "x".repeat(64 * 1024);
      // never read: the socket's buffers fill, then the console's queue passes its bound
      await()
          .atMost(DEADLINE)
          .until(
              () -> {
                console.broadcastForTest("readings", big);
                return console.listeners() == 0;
              });
    }
  }

  private ApiClient loginAnyone() throws IOException {
    UserStore.addUser(users, "hal", Role.VIEWER, PASSWORD.toCharArray());
    return login("hal");
  }

  /** Opens a stream and returns what completes when the console ends it. */
  private CompletableFuture<Void> open(ApiClient client) {
    HttpResponse<InputStream> stream = client.events();
    streams.add(stream);
    assertThat(stream.statusCode()).isEqualTo(200);
    return CompletableFuture.runAsync(
        () -> {
          try {
            stream.body().transferTo(OutputStream.nullOutputStream());
          } catch (IOException e) {
            // closed: ended as well
          }
        });
  }

  /** Removes {@code name} (role null) or gives them {@code role}, as an admin editing the file. */
  private static void rewriteUsers(String name, String role) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(users)) {
      if (!line.startsWith(name + ":")) {
        lines.add(line);
      } else if (role != null) {
        lines.add(name + ":" + role + ":" + line.split(":", 3)[2]);
      }
    }
    FileTime before = Files.getLastModifiedTime(users);
    Files.write(users, lines);
    Files.setLastModifiedTime(users, FileTime.fromMillis(before.toMillis() + 1_000));
  }
}
