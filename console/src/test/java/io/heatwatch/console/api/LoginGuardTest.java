package io.heatwatch.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginGuardTest {
  /** A clock the test moves. */
  static final class FakeClock extends Clock {
    Instant now = Instant.parse("2026-12-04T10:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void anAddressGetsItsBurstThenOneAttemptPerRefill() {
    FakeClock clock = new FakeClock();
    LoginGuard guard = new LoginGuard(5, 100, 2, clock);
    for (int i = 0; i < 5; i++) {
      assertThat(guard.attempt("10.0.0.1", "ann", Optional::empty)).isEmpty();
    }
    assertThatThrownBy(() -> guard.attempt("10.0.0.1", "ann", Optional::empty))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(429));
    assertThat(guard.attempt("10.0.0.2", "ann", () -> Optional.of("ok"))).contains("ok");

    clock.now = clock.now.plus(Duration.ofSeconds(12)); // 5 a minute: one back every 12 s
    assertThat(guard.attempt("10.0.0.1", "ann", () -> Optional.of("ok"))).contains("ok");
  }

  @Test
  void onlyFailuresCountAgainstAUser() {
    LoginGuard guard = new LoginGuard(1000, 3, 2, new FakeClock());
    for (int i = 0; i < 10; i++) {
      assertThat(guard.attempt("10.0.0." + i, "ann", () -> Optional.of("ok"))).contains("ok");
    }
    for (int i = 0; i < 3; i++) {
      assertThat(guard.attempt("10.0.1." + i, "ann", Optional::empty)).isEmpty();
    }
    assertThatThrownBy(() -> guard.attempt("10.0.2.1", "ann", () -> Optional.of("ok")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(429));
  }

  @Test
  void checksBeyondTheConcurrencyBoundAreRefusedNotQueuedForever() throws Exception {
    LoginGuard guard = new LoginGuard(1000, 1000, 1, Clock.systemUTC());
    CountDownLatch checking = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Optional<String>> first =
        CompletableFuture.supplyAsync(
            () ->
                guard.attempt(
                    "10.0.0.1",
                    "ann",
                    () -> {
                      checking.countDown();
                      await(release);
                      return Optional.of("ok");
                    }));
    assertThat(checking.await(10, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> guard.attempt("10.0.0.2", "bob", () -> Optional.of("ok")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).contains("ok");
    assertThat(guard.attempt("10.0.0.2", "bob", () -> Optional.of("ok"))).contains("ok");
  }

  @Test
  void theMapsOfAddressesAndUsersAreBounded() {
    LoginGuard guard = new LoginGuard(5, 5, 2, new FakeClock());
    for (int i = 0; i < LoginGuard.MAX_TRACKED * 2; i++) {
      guard.attempt("a" + i, "u" + i, Optional::empty);
    }
    assertThat(guard.tracked()).isLessThanOrEqualTo(2 * LoginGuard.MAX_TRACKED);
  }

  @Test
  void controlCharactersInANameAreEscapedForTheLog() {
    assertThat(LoginGuard.printable("eve\nINFO\r\t\u0007ok\\"))
        .isEqualTo("eve\\nINFO\\r\\t\\u0007ok\\\\");
    assertThat(LoginGuard.printable("x".repeat(500))).hasSizeLessThan(100);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
