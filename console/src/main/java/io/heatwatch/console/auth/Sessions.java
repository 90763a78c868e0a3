package io.heatwatch.console.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Logged-in sessions, in memory: a random token in the cookie, a CSRF token per session. */
public final class Sessions {
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byToken = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final Clock clock;

  /** One login: who, with which role, and the token the page must echo on every write. */
  public static final class Session {
    private final String user;
    private final Role role;
    private final String csrf;
    private volatile Instant lastSeen;

    Session(String user, Role role, String csrf, Instant now) {
      this.user = user;
      this.role = role;
      this.csrf = csrf;
      this.lastSeen = now;
    }

    public String user() {
      return user;
    }

    public Role role() {
      return role;
    }

    public String csrf() {
      return csrf;
    }

    /** Whether {@code token} is this session's CSRF token, compared in constant time. */
    public boolean csrfMatches(String token) {
      return token != null && MessageDigest.isEqual(token.getBytes(), csrf.getBytes());
    }
  }

  public Sessions(Duration idleTimeout, Clock clock) {
    this.idleTimeout = idleTimeout;
    this.clock = clock;
  }

  /** A new session and its cookie token. */
  public Map.Entry<String, Session> open(String user, Role role) {
    String token = token();
    Session session = new Session(user, role, token(), clock.instant());
    byToken.put(token, session);
    return Map.entry(token, session);
  }

  /** The live session of a cookie token; an idle one ends here. */
  public Optional<Session> find(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session session = byToken.get(token);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (session.lastSeen.plus(idleTimeout).isBefore(now)) {
      byToken.remove(token);
      return Optional.empty();
    }
    session.lastSeen = now;
    return Optional.of(session);
  }

  public void close(String token) {
    if (token != null) {
      byToken.remove(token);
    }
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
