package io.heatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {
  private ServerSocket echo;
  private FaultProxy proxy;

  @BeforeEach
  void startEchoServerBehindProxy() throws IOException {
    echo = new ServerSocket();
    echo.bind(new InetSocketAddress("127.0.0.1", 0));
    Thread server = new Thread(this::serveEcho, "echo");
    server.setDaemon(true);
    server.start();
    proxy = FaultProxy.start("127.0.0.1", echo.getLocalPort(), 1);
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  @Test
  void forwardsBothWays() throws IOException {
    try (Socket socket = connect()) {
      assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
      assertThat(roundTrip(socket, "again")).isEqualTo("again");
    }
    assertThat(proxy.accepted()).isEqualTo(1);
  }

  @Test
  void latencyDelaysEachDirection() throws IOException {
    proxy.latency(Duration.ofMillis(150));
    try (Socket socket = connect()) {
      long start = System.nanoTime();
      assertThat(roundTrip(socket, "slow")).isEqualTo("slow");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(ms(300));
    }
  }

  @Test
  void cutResetsOpenConnectionsAndRefusesNewOnesUntilHealed() throws IOException {
    try (Socket socket = connect()) {
      assertThat(roundTrip(socket, "before")).isEqualTo("before");
      proxy.cut();
      assertThatThrownBy(() -> roundTrip(socket, "during")).isInstanceOf(IOException.class);
    }
    try (Socket refused = connect()) {
      assertThatThrownBy(() -> roundTrip(refused, "refused")).isInstanceOf(IOException.class);
    }
    assertThat(proxy.resets()).isEqualTo(2);
    proxy.heal();
    try (Socket socket = connect()) {
      assertThat(roundTrip(socket, "after")).isEqualTo("after");
    }
  }

  @Test
  void holdKeepsTheConnectionButStopsTheBytesUntilHealed() throws Exception {
    try (Socket socket = connect()) {
      proxy.hold();
      socket.getOutputStream().write("held".getBytes(StandardCharsets.US_ASCII));
      socket.setSoTimeout(500);
      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
      proxy.heal();
      socket.setSoTimeout(5_000);
      assertThat(new String(socket.getInputStream().readNBytes(4), StandardCharsets.US_ASCII))
          .isEqualTo("held");
    }
  }

  @Test
  void certainResetChanceResetsTheConnection() throws IOException {
    proxy.resetChance(1.0);
    try (Socket socket = connect()) {
      assertThatThrownBy(() -> roundTrip(socket, "lost")).isInstanceOf(IOException.class);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> proxy.open() == 0);
    assertThat(proxy.resets()).isEqualTo(1);
    assertThatThrownBy(() -> proxy.resetChance(1.5)).isInstanceOf(IllegalArgumentException.class);
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", proxy.port());
    socket.setSoTimeout(5_000);
    return socket;
  }

  /** Sends {@code text} and reads the echo; an end of stream is an IOException too. */
  private static String roundTrip(Socket socket, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
    byte[] back = socket.getInputStream().readNBytes(bytes.length);
    if (back.length < bytes.length) {
      throw new IOException("connection ended after " + back.length + " bytes");
    }
    return new String(back, StandardCharsets.US_ASCII);
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  private void serveEcho() {
    while (!echo.isClosed()) {
      try {
        Socket socket = echo.accept();
        Thread t =
            new Thread(
                () -> {
                  try (socket;
                      InputStream in = socket.getInputStream();
                      OutputStream out = socket.getOutputStream()) {
                    in.transferTo(out);
                  } catch (IOException e) {
                    // The proxy reset the connection: nothing to echo any more.
                  }
                },
                "echo-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }
}
