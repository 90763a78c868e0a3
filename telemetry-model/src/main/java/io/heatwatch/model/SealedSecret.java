package io.heatwatch.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret typed into the console for a notifier channel, sealed so that only the notifier can read
 * it: {@code sealed:v1:<key>:<iv>:<ciphertext>}, base64url without padding. A fresh AES-256-GCM key
 * encrypts the value; RSA-OAEP (SHA-256, MGF1-SHA-256) with the notifier's public key (its
 * catalogue's {@code sealingKey}) wraps that key. The console holds no key that opens it, so what
 * it wrote to Kafka and shows in the settings is useless to anyone but the notifier.
 */
public final class SealedSecret {
  /** What a sealed value starts with in the notifier's settings. */
  public static final String PREFIX = "sealed:v1:";

  /** The longest value that may be sealed. */
  public static final int MAX_VALUE_CHARS = 4096;

  private static final int MIN_RSA_BITS = 2048;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final OAEPParameterSpec OAEP =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

  private SealedSecret() {}

  /** The public key a catalogue publishes: X.509 SubjectPublicKeyInfo, base64 (standard). */
  public static PublicKey publicKey(String base64) {
    try {
      PublicKey key =
          KeyFactory.getInstance("RSA")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
      if (((RSAPublicKey) key).getModulus().bitLength() < MIN_RSA_BITS) {
        throw new IllegalArgumentException("sealing key shorter than " + MIN_RSA_BITS + " bits");
      }
      return key;
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException("not an RSA public key: " + e.getMessage(), e);
    }
  }

  /** Seals {@code value} for the holder of {@code key}'s private half. */
  public static String seal(PublicKey key, String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_VALUE_CHARS) {
      throw new IllegalArgumentException(
          "a secret to seal must be 1.." + MAX_VALUE_CHARS + " characters");
    }
    try {
      KeyGenerator aes = KeyGenerator.getInstance("AES");
      aes.init(256, RANDOM);
      SecretKey content = aes.generateKey();
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, content, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = gcm.doFinal(value.getBytes(StandardCharsets.UTF_8));
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.ENCRYPT_MODE, key, OAEP);
      byte[] wrapped = rsa.doFinal(content.getEncoded());
      return PREFIX
          + B64.encodeToString(wrapped)
          + ":"
          + B64.encodeToString(iv)
          + ":"
          + B64.encodeToString(sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal: " + e.getMessage(), e);
    }
  }

  /**
   * The value sealed in {@code text}; throws IllegalArgumentException (never naming the value) if
   * it is not a sealed value, was sealed for another key, or was changed.
   */
  public static String unseal(PrivateKey key, String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a sealed value (" + PREFIX + "…)");
    }
    String[] parts = text.substring(PREFIX.length()).split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("a sealed value has three parts after " + PREFIX);
    }
    try {
      Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
      rsa.init(Cipher.DECRYPT_MODE, key, OAEP);
      SecretKey content = new SecretKeySpec(rsa.doFinal(UNB64.decode(parts[0])), "AES");
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(
          Cipher.DECRYPT_MODE, content, new GCMParameterSpec(TAG_BITS, UNB64.decode(parts[1])));
      return new String(gcm.doFinal(UNB64.decode(parts[2])), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the sealed value does not open with this notifier's settingsKey (sealed for another"
              + " key, or changed)");
    }
  }
}
