package io.heatwatch.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.notifier.Secret;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
  /**
   * The Standard Webhooks reference libraries' signing vector: standard-webhooks/standard-webhooks,
   * libraries/java/src/test/java/com/standardwebhooks/WebhookTest.java, verifyWebhookSignWorks (the
   * same values appear in the other languages' tests).
   */
  @Test
  void signsTheSpecsTestVector() {
    WebhookSigner signer = new WebhookSigner(Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

    String signature =
        signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");

    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void refusesASecretWithoutThePrefixOrTooShortWithoutShowingIt() {
    assertThatThrownBy(() -> WebhookSigner.key(Secret.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
        .hasMessageContaining("secret must be whsec_")
        .hasMessageNotContaining("MfKQ9r8G");
    assertThatThrownBy(() -> WebhookSigner.key(Secret.of("whsec_c2hvcnQ=")))
        .hasMessageContaining("24..64 bytes");
  }
}
