package io.heatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoBrokerIT {
  @Test
  void startsRestartsOnTheSamePortAndStops(@TempDir Path dir) throws IOException {
    int port;
    try (MosquittoBroker broker =
        MosquittoBroker.start(
            dir,
            "allow_anonymous true\npersistence true\n"
                + "persistence_location /mosquitto/data/\n")) {
      port = broker.port();
      assertThat(broker.uri()).isEqualTo("tcp://127.0.0.1:" + port);
      assertThat(accepts(port)).isTrue();
      broker.restart();
      assertThat(accepts(port)).isTrue();
    }
    assertThat(accepts(port)).isFalse();
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
