package io.heatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void freePortCanBeBoundOnLoopback() throws Exception {
    int port = Ports.free();
    Ports.requireFree(port, "--any-port");
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void portInUseNamesThePortAndTheOption() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> Ports.requireFree(port, "--kafka-port"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("port " + port + " is already in use; choose another with --kafka-port");
    }
  }

  @Test
  void portZeroMeansAnyAndOutOfRangeIsRejected() {
    Ports.requireFree(0, "--mqtt-port");
    assertThatThrownBy(() -> Ports.requireFree(70_000, "--mqtt-port"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--mqtt-port");
  }
}
