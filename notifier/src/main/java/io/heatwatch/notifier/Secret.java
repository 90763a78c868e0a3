package io.heatwatch.notifier;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.heatwatch.model.SealedSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.function.Function;

/**
 * A password, token or key, read at start from {@code env:NAME} (an environment variable) or {@code
 * file:/path} (a file, e.g. a Docker secret), trimmed. A literal value in the configuration is
 * refused, so secrets never sit in a file that is checked in or shown in a review. {@link
 * #toString()} is {@code ****}, so a secret that reaches a log line or an exception shows nothing.
 */
@JsonDeserialize(using = Secret.Reader.class)
public final class Secret {
  /**
   * A Jackson context attribute holding a {@code Function<String, String>} to read {@code env:}
   * references from instead of the process environment (a config reader's injected environment):
   * {@code mapper.setDefaultAttributes(ContextAttributes.getEmpty().withSharedAttribute(ENV, f))}.
   */
  public static final String ENV = "io.heatwatch.notifier.Secret.env";

  /**
   * A Jackson context attribute holding a {@code Function<String, String>} that opens {@code
   * sealed:v1:…} values (the notifier's settingsKey); without it a sealed value is refused.
   */
  public static final String UNSEAL = "io.heatwatch.notifier.Secret.unseal";

  private final String source;
  private final String value;

  private Secret(String source, String value) {
    this.source = source;
    this.value = value;
  }

  /**
   * Reads the secret that setting {@code field} refers to; throws {@link IllegalArgumentException}
   * naming the field (never the value) when the reference is a literal, names an unset variable or
   * an unreadable file, or the value is empty.
   */
  public static Secret read(String field, String reference) {
    return read(field, reference, System::getenv);
  }

  /** As {@link #read(String, String)}, with the environment given (tests). */
  public static Secret read(String field, String reference, Function<String, String> env) {
    return read(field, reference, env, null);
  }

  /**
   * As {@link #read(String, String, Function)}; {@code unseal} opens a {@code sealed:v1:…} value
   * (one typed into the console, {@link io.heatwatch.model.SealedSecret}), or is null when this
   * notifier has no settingsKey.
   */
  public static Secret read(
      String field,
      String reference,
      Function<String, String> env,
      Function<String, String> unseal) {
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException(field + " must be env:NAME or file:/path, got nothing");
    }
    String ref = reference.trim();
    String value;
    if (ref.startsWith(SealedSecret.PREFIX)) {
      if (unseal == null) {
        throw new IllegalArgumentException(
            field + ": a sealed value needs the notifier's settingsKey, and none is configured");
      }
      try {
        value = unseal.apply(ref);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + ": " + e.getMessage());
      }
      ref = "sealed";
    } else if (ref.startsWith("env:") && ref.length() > 4) {
      value = env.apply(ref.substring(4));
      if (value == null) {
        throw new IllegalArgumentException(
            field + ": environment variable " + ref.substring(4) + " is not set");
      }
    } else if (ref.startsWith("file:") && ref.length() > 5) {
      Path path = Path.of(ref.substring(5));
      try {
        value = Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            field + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
      }
    } else {
      // Never echo the text: a literal here is most likely the secret itself.
      throw new IllegalArgumentException(
          field
              + " must be env:NAME, file:/path or a value sealed in the console; a literal secret"
              + " is refused");
    }
    value = value.trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + ": " + ref + " is empty");
    }
    return new Secret(ref, value);
  }

  /** A secret made in code (a generated key, a test's key); configuration uses {@link #read}. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("value must not be empty");
    }
    return new Secret("code", value);
  }

  /** The value, for the one place that uses it (a MAC key, a password handed to a library). */
  public String reveal() {
    return value;
  }

  /** The value's UTF-8 bytes, a fresh copy. */
  public byte[] bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Where the value came from, {@code env:NAME}, {@code file:/path} or {@code sealed}; safe to log.
   */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "****";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && MessageDigest.isEqual(bytes(), s.bytes());
  }

  @Override
  public int hashCode() {
    return 0; // a hash of the value would leak a little of it; secrets are not map keys
  }

  /** Binds a secret from a YAML/JSON string; the message names the field that held it. */
  static final class Reader extends JsonDeserializer<Secret> {
    @SuppressWarnings("unchecked")
    private static Function<String, String> environment(DeserializationContext ctxt) {
      return ctxt.getAttribute(ENV) instanceof Function<?, ?> f
          ? (Function<String, String>) f
          : System::getenv;
    }

    @SuppressWarnings("unchecked")
    private static Function<String, String> unsealer(DeserializationContext ctxt) {
      return ctxt.getAttribute(UNSEAL) instanceof Function<?, ?> f
          ? (Function<String, String>) f
          : null;
    }

    @Override
    public Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String field = p.currentName() == null ? "secret" : p.currentName();
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw JsonMappingException.from(p, field + " must be a string: env:NAME or file:/path");
      }
      try {
        return read(field, p.getText(), environment(ctxt), unsealer(ctxt));
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, e.getMessage(), e);
      }
    }
  }
}
