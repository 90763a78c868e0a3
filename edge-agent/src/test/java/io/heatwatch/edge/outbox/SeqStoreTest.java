package io.heatwatch.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeqStoreTest {
  @TempDir Path dir;

  @Test
  void startsAtOneAndIncreases() {
    try (SeqStore store = SeqStore.open(dir.resolve("seq"))) {
      assertThat(store.next()).isEqualTo(1);
      assertThat(store.next()).isEqualTo(2);
      assertThat(store.last()).isEqualTo(2);
    }
  }

  @Test
  void continuesAfterReopenWithoutReuse() {
    try (SeqStore store = SeqStore.open(dir.resolve("seq"))) {
      for (int i = 0; i < 1000; i++) {
        store.next();
      }
    }
    try (SeqStore store = SeqStore.open(dir.resolve("seq"))) {
      assertThat(store.next()).isEqualTo(1001);
    }
  }

  @Test
  void corruptFileRefusesToStartRatherThanReuseNumbers() throws Exception {
    Files.writeString(dir.resolve("seq"), "garbage");
    assertThatThrownBy(() -> SeqStore.open(dir.resolve("seq")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("corrupt")
        .hasMessageContaining("garbage");
  }
}
