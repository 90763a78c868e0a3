package io.heatwatch.edge.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void growsWithJitterUpToTheCapAndResets() {
    Backoff backoff =
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new SplittableRandom(1));
    long previousCeiling = 1_000;
    for (int attempt = 0; attempt < 12; attempt++) {
      long ceiling = Math.min(30_000, 1_000L << attempt);
      Duration wait = backoff.next();
      assertThat(wait.toMillis()).isBetween(1_000L, ceiling);
      previousCeiling = ceiling;
    }
    assertThat(previousCeiling).isEqualTo(30_000);
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void devicesThatLostTheBrokerTogetherDoNotRetryTogether() {
    Backoff a = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), new SplittableRandom(1));
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(2), new SplittableRandom(2));
    for (int i = 0; i < 5; i++) {
      a.next();
      b.next();
    }
    assertThat(a.next()).isNotEqualTo(b.next());
  }

  /**
   * Each device's publisher makes its backoff on one thread and draws from it on scheduler and Paho
   * threads. Two devices are two processes: their waits must differ (a JDK 17 experiment drew the
   * same "random" waits in every JVM from a {@code ThreadLocalRandom} taken on another thread).
   */
  @Test
  void backoffsMadeAsTheAgentMakesThemDrawDifferentWaitsInEachProcess() throws Exception {
    assertThat(drawInAFreshProcess()).isNotEqualTo(drawInAFreshProcess());
  }

  private static String drawInAFreshProcess() throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BackoffDraw.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output).isNotBlank();
    return output;
  }

  /** Makes a backoff on its main thread, as MqttSession does, and draws on a fresh thread. */
  public static final class BackoffDraw {
    public static void main(String[] args) throws Exception {
      Backoff backoff = Backoff.jittered(Duration.ofSeconds(1), Duration.ofMinutes(2));
      StringBuilder waits = new StringBuilder();
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 8; i++) {
                  waits.append(backoff.next().toMillis()).append(' ');
                }
              });
      thread.start();
      thread.join();
      System.out.println(waits);
    }
  }
}
