package io.heatwatch.notifier.channel;

import io.heatwatch.notifier.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests as the Standard Webhooks specification says
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md), so
 * a receiver can use any of its libraries: {@code webhook-signature: v1,<base64 HMAC-SHA256 over
 * "id.timestamp.body">}, keyed with the secret's base64 part after {@code whsec_}.
 */
final class WebhookSigner {
  private static final String PREFIX = "whsec_";
  private static final String HMAC = "HmacSHA256";

  private final SecretKeySpec key;

  WebhookSigner(Secret secret) {
    this.key = new SecretKeySpec(key(secret), HMAC);
  }

  /** The key bytes of a {@code whsec_<base64>} secret; throws naming the setting, not the value. */
  static byte[] key(Secret secret) {
    String s = secret.reveal();
    if (!s.startsWith(PREFIX)) {
      throw new IllegalArgumentException("secret must be whsec_<base64> (" + secret.source() + ")");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(s.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "secret must be whsec_<base64>, its base64 part is not base64 (" + secret.source() + ")");
    }
    // The spec asks for 24 to 64 bytes; fewer would make the HMAC guessable.
    if (key.length < 24 || key.length > 64) {
      throw new IllegalArgumentException(
          "secret must hold 24..64 bytes after whsec_, got "
              + key.length
              + " ("
              + secret.source()
              + ")");
    }
    return key;
  }

  /** The {@code webhook-signature} header's value for one request. */
  String sign(String id, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      byte[] sig =
          mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
