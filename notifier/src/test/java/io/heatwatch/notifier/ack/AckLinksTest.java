package io.heatwatch.notifier.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A link verifies only untouched, unexpired and signed with the same key. */
class AckLinksTest {
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  private static final URI BASE = URI.create("https://heatwatch.example.org/");

  private static AckLinks links(byte[] key, Instant now) {
    return new AckLinks(key, BASE, Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static String tokenOf(String link) {
    assertThat(link).startsWith("https://heatwatch.example.org/ack/");
    return link.substring("https://heatwatch.example.org/ack/".length());
  }

  @Test
  void aLinkVerifiesToItsAlarmRecipientAndExpiry() {
    AckLinks links = links(KEY, NOW);
    String token = tokenOf(links.link("site-1/dev-2/s-3/HIGH", "anna"));

    assertThat(links.verify(token))
        .hasValueSatisfying(
            t -> {
              assertThat(t.alarmId()).isEqualTo("site-1/dev-2/s-3/HIGH");
              assertThat(t.recipientId()).isEqualTo("anna");
              assertThat(t.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
            });
  }

  @Test
  void twoLinksForTheSameAlarmAndRecipientDifferByTheirNonce() {
    AckLinks links = links(KEY, NOW);
    String a = tokenOf(links.link("a1", "anna"));
    String b = tokenOf(links.link("a1", "anna"));
    assertThat(a).isNotEqualTo(b);
    assertThat(links.verify(a).orElseThrow().nonce())
        .isNotEqualTo(links.verify(b).orElseThrow().nonce());
  }

  @Test
  void aTamperedTokenIsRefused() {
    AckLinks links = links(KEY, NOW);
    String token = tokenOf(links.link("a1", "anna"));
    int dot = token.indexOf('.');
    byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
    // "anna" -> "bnna": same length, so only the MAC can tell
    for (int i = 0; i < payload.length; i++) {
      if (payload[i] == 'a' && payload[i + 1] == 'n') {
        payload[i] = 'b';
        break;
      }
    }
    String forged =
        Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + token.substring(dot);

    assertThat(links.verify(forged)).isEmpty();
    assertThat(links.verify(token.substring(0, token.length() - 2) + "AA")).isEmpty();
    assertThat(links.verify("garbage")).isEmpty();
    assertThat(links.verify("a.b.c")).isEmpty();
    assertThat(links.verify("!!.??")).isEmpty();
    assertThat(links.verify("")).isEmpty();
    assertThat(links.verify(null)).isEmpty();
  }

  @Test
  void anExpiredTokenIsRefusedButKnownAsAuthentic() {
    String token = tokenOf(links(KEY, NOW).link("a1", "anna"));
    AckLinks later = links(KEY, NOW.plus(Duration.ofHours(24)));

    assertThat(later.verify(token)).isEmpty();
    assertThat(later.check(token)).hasValueSatisfying(t -> assertThat(later.expired(t)).isTrue());
    assertThat(links(KEY, NOW.plus(Duration.ofHours(23))).verify(token)).isPresent();
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() {
    byte[] other = Arrays.copyOf(KEY, KEY.length);
    other[0] ^= 1;
    String token = tokenOf(links(other, NOW).link("a1", "anna"));
    assertThat(links(KEY, NOW).verify(token)).isEmpty();
    assertThat(links(KEY, NOW).check(token)).isEmpty();
  }

  @Test
  void aShortKeyIsRefusedAndTheKeyIsNeverShown() {
    assertThatThrownBy(() -> links(new byte[16], NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key")
        .hasMessageContaining("16");
    assertThat(links(KEY, NOW).toString()).doesNotContain("0123456789abcdef");
  }
}
