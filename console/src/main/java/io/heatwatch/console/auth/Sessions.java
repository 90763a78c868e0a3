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

/**
 * Logged-in sessions, in memory: a random token in the cookie, a CSRF token per session. A session
 * ends when idle for the idle timeout, at its absolute lifetime however active, and as soon as its
 * user is no longer in the users file with the same role (removed or demoted).
 */
public final class Sessions {
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byToken = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final Duration maxLifetime;
  private final UserStore users;
  private final Clock clock;

  /** One login: who, with which role, and the token the page must echo on every write. */
  public static final class Session {
    private final String user;
    private final Role role;
    private final String csrf;
    private final Instant openedAt;
    private volatile Instant lastSeen;

    Session(String user, Role role, String csrf, Instant now) {
      this.user = user;
      this.role = role;
      this.csrf = csrf;
      this.openedAt = now;
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

  public Sessions(Duration idleTimeout, Duration maxLifetime, UserStore users, Clock clock) {
    this.idleTimeout = idleTimeout;
    this.maxLifetime = maxLifetime;
    this.users = users;
    this.clock = clock;
  }

  /** A new session and its cookie token. */
  public Map.Entry<String, Session> open(String user, Role role) {
    String token = token();
    Session session = new Session(user, role, token(), clock.instant());
    byToken.put(token, session);
    return Map.entry(token, session);
  }

  /** The live session of a cookie token, now seen active; one that has ended is removed here. */
  public Optional<Session> find(String token) {
    Optional<Session> session = live(token);
    session.ifPresent(s -> s.lastSeen = clock.instant());
    return session;
  }

  /** Whether the session of {@code token} is live, without counting this as activity. */
  public boolean alive(String token) {
    return live(token).isPresent();
  }

  /** Removes every session that has ended; their tokens were never going to be used again. */
  public void purge() {
    byToken.keySet().forEach(this::live);
  }

  public void close(String token) {
    if (token != null) {
      byToken.remove(token);
    }
  }

  private Optional<Session> live(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session session = byToken.get(token);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    boolean ended =
        session.lastSeen.plus(idleTimeout).isBefore(now)
            || !session.openedAt.plus(maxLifetime).isAfter(now)
            || !users.find(session.user).map(u -> u.role() == session.role).orElse(false);
    if (ended) {
      byToken.remove(token);
      return Optional.empty();
    }
    return Optional.of(session);
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
