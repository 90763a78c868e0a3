package io.heatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MosquittoBrokerTest {
  private static final Path DIR = Path.of("/tmp/run");

  @Test
  void listenerMovesToLoopbackAndPathsUnderTheFolder() {
    String config =
        "listener 8883\ncafile /mosquitto/certs/ca.crt\npersistence_location /mosquitto/data/\n"
            + "user mosquitto\n";
    String rewritten = MosquittoBroker.rewrite(config, DIR, 41234);
    assertThat(rewritten)
        .contains("listener 41234 127.0.0.1\n")
        .contains("cafile /tmp/run/certs/ca.crt\n")
        .contains("persistence_location /tmp/run/data/\n")
        .doesNotContain("user mosquitto")
        .doesNotContain("8883");
  }

  @Test
  void configWithoutListenerGetsOne() {
    assertThat(MosquittoBroker.rewrite("allow_anonymous true\n", DIR, 5000))
        .contains("listener 5000 127.0.0.1");
  }

  @Test
  void secondListenerIsRefused() {
    assertThatThrownBy(() -> MosquittoBroker.rewrite("listener 1883\nlistener 8883\n", DIR, 1))
        .hasMessageContaining("one listener");
  }
}
