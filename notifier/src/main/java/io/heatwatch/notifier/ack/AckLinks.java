package io.heatwatch.notifier.ack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the one-time "I'm on it" links: the token is base64url(alarmId, recipientId,
 * expiresAt, nonce) "." base64url(HMAC-SHA256 of those bytes), so nothing needs storing until the
 * link is used.
 */
public final class AckLinks {
  private static final String HMAC = "HmacSHA256";
  private static final int MIN_KEY_BYTES = 32;
  private static final int NONCE_BYTES = 16;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final String publicBase;
  private final Duration validFor;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /**
   * The key is taken as raw bytes until the module's {@code Secret} type lands; it must hold at
   * least 32 bytes, as HMAC-SHA256 gains nothing from more and loses strength with fewer.
   */
  public AckLinks(byte[] key, URI publicBase, Duration validFor, Clock clock) {
    Objects.requireNonNull(key, "key");
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "key must hold at least " + MIN_KEY_BYTES + " bytes, got " + key.length);
    }
    Objects.requireNonNull(publicBase, "publicBase");
    if (!publicBase.isAbsolute()) {
      throw new IllegalArgumentException("publicBase must be an absolute URI, got " + publicBase);
    }
    Objects.requireNonNull(validFor, "validFor");
    if (validFor.isNegative() || validFor.isZero()) {
      throw new IllegalArgumentException("validFor must be positive, got " + validFor);
    }
    this.key = new SecretKeySpec(key.clone(), HMAC);
    String base = publicBase.toString();
    this.publicBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.validFor = validFor;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The link that lets {@code recipientId} acknowledge {@code alarmId} once, until it expires. */
  public String link(String alarmId, String recipientId) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    AckToken token =
        new AckToken(
            alarmId, recipientId, clock.instant().plus(validFor), B64.encodeToString(nonce));
    return publicBase + "/ack/" + sign(token);
  }

  String sign(AckToken token) {
    byte[] payload = payload(token);
    return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
  }

  /** The token's content if its MAC is right and it has not expired; empty for anything else. */
  public Optional<AckToken> verify(String token) {
    return check(token).filter(t -> clock.instant().isBefore(t.expiresAt()));
  }

  /**
   * The token's content if its MAC is right, expired or not, so an expired link gets its own page.
   */
  Optional<AckToken> check(String token) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return Optional.empty();
    }
    try {
      byte[] payload = B64D.decode(token.substring(0, dot));
      byte[] given = B64D.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(mac(payload), given)) {
        return Optional.empty();
      }
      return Optional.of(parse(payload));
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether an authentic token is past its expiry (callers use it to tell "expired" from "bad").
   */
  boolean expired(AckToken token) {
    return !clock.instant().isBefore(token.expiresAt());
  }

  private static byte[] payload(AckToken token) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(token.alarmId());
      out.writeUTF(token.recipientId());
      out.writeLong(token.expiresAt().getEpochSecond());
      out.writeUTF(token.nonce());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static AckToken parse(byte[] payload) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      String alarmId = in.readUTF();
      String recipientId = in.readUTF();
      Instant expiresAt = Instant.ofEpochSecond(in.readLong());
      String nonce = in.readUTF();
      if (in.available() > 0) {
        throw new IOException("trailing bytes");
      }
      return new AckToken(alarmId, recipientId, expiresAt, nonce);
    }
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "AckLinks[publicBase=" + publicBase + ", validFor=" + validFor + ", key=***]";
  }
}
