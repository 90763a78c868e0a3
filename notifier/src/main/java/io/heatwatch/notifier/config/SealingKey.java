package io.heatwatch.notifier.config;

import io.heatwatch.model.SealedSecret;
import io.heatwatch.notifier.Secret;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The notifier's settingsKey: an RSA private key (PKCS#8 PEM, {@code openssl genpkey -algorithm RSA
 * -pkeyopt rsa_keygen_bits:3072}) that opens the channel secrets an operator typed into the
 * console. Its public half goes into the catalogue, where the console seals with it ({@link
 * SealedSecret}). {@link #toString()} shows nothing of the key.
 */
public final class SealingKey {
  private static final int MIN_BITS = 2048;

  private final RSAPrivateCrtKey privateKey;
  private final String publicKey;

  private SealingKey(RSAPrivateCrtKey privateKey, String publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /** Reads the PEM the secret holds; throws IllegalArgumentException saying what is wrong. */
  static SealingKey of(Secret pem) {
    String body =
        pem.reveal()
            .replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)))
          instanceof RSAPrivateCrtKey key)) {
        throw new IllegalArgumentException("not an RSA private key with its public exponent");
      }
      if (key.getModulus().bitLength() < MIN_BITS) {
        throw new IllegalArgumentException(
            "an RSA key of at least " + MIN_BITS + " bits is needed");
      }
      BigInteger e = key.getPublicExponent();
      byte[] pub = rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), e)).getEncoded();
      return new SealingKey(key, Base64.getEncoder().encodeToString(pub));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          pem.source()
              + " is not a PKCS#8 PEM RSA private key (BEGIN PRIVATE KEY): "
              + e.getMessage());
    }
  }

  /** Opens a value sealed with the public half. */
  public String unseal(String sealed) {
    return SealedSecret.unseal(privateKey, sealed);
  }

  /** The public half, X.509 SubjectPublicKeyInfo in base64: the catalogue's {@code sealingKey}. */
  public String publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "SealingKey[****]";
  }
}
