package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SealedSecretTest {
  private static final KeyPair NOTIFIER = pair();
  private static final KeyPair OTHER = pair();

  private static KeyPair pair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String published(KeyPair p) {
    return Base64.getEncoder().encodeToString(p.getPublic().getEncoded());
  }

  @Test
  void onlyTheNotifiersKeyOpensWhatWasSealedWithItsPublishedKey() {
    String value = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    String sealed = SealedSecret.seal(SealedSecret.publicKey(published(NOTIFIER)), value);

    assertThat(sealed).startsWith(SealedSecret.PREFIX).doesNotContain(value).doesNotContain("MDEy");
    assertThat(SealedSecret.unseal(NOTIFIER.getPrivate(), sealed)).isEqualTo(value);
    // sealed twice, two different texts: equal secrets do not show as equal
    assertThat(SealedSecret.seal(NOTIFIER.getPublic(), value)).isNotEqualTo(sealed);
    assertThatThrownBy(() -> SealedSecret.unseal(OTHER.getPrivate(), sealed))
        .hasMessageContaining("does not open")
        .hasMessageNotContaining(value);
  }

  @Test
  void aChangedSealedValueDoesNotOpen() {
    String sealed = SealedSecret.seal(NOTIFIER.getPublic(), "hunter2-hunter2");
    // one bit of the ciphertext flipped (not a base64 character, whose last one may carry padding)
    String[] parts = sealed.substring(SealedSecret.PREFIX.length()).split(":");
    byte[] ciphertext = Base64.getUrlDecoder().decode(parts[2]);
    ciphertext[0] ^= 1;
    String changed =
        SealedSecret.PREFIX
            + parts[0]
            + ":"
            + parts[1]
            + ":"
            + Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);
    assertThatThrownBy(() -> SealedSecret.unseal(NOTIFIER.getPrivate(), changed))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SealedSecret.unseal(NOTIFIER.getPrivate(), "sealed:v1:abc"))
        .hasMessageContaining("three parts");
    assertThatThrownBy(() -> SealedSecret.unseal(NOTIFIER.getPrivate(), "env:X"))
        .hasMessageContaining("not a sealed value");
  }

  @Test
  void aShortKeyOrAnEmptyValueIsRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    String weak = Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
    assertThatThrownBy(() -> SealedSecret.publicKey(weak)).hasMessageContaining("2048");
    assertThatThrownBy(() -> SealedSecret.publicKey("not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SealedSecret.seal(NOTIFIER.getPublic(), ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
