package io.heatwatch.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.console.auth.Role;
import io.heatwatch.console.auth.Sessions;
import io.heatwatch.console.auth.Sessions.Session;
import io.heatwatch.console.auth.UserStore;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login, logout, the session, and the filter every other API route goes through: a session cookie
 * ({@code HttpOnly}, {@code SameSite=Strict}), the role a route needs, and the CSRF token on
 * writes.
 */
public final class AuthApi {
  /** The session cookie. */
  public static final String COOKIE = "hw_session";

  /** The header a write must carry, holding the session's CSRF token. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final Logger LOG = LoggerFactory.getLogger(AuthApi.class);

  private final UserStore users;
  private final Sessions sessions;
  private final Exchanges io;
  private final boolean secureCookie;
  private final LoginGuard guard;
  private final Consumer<String> onLogout;

  /** {@code onLogout} is told the session token at logout, to end what the session holds open. */
  public AuthApi(
      UserStore users,
      Sessions sessions,
      LoginGuard guard,
      Consumer<String> onLogout,
      Exchanges io,
      boolean secureCookie) {
    this.users = users;
    this.onLogout = onLogout;
    this.guard = guard;
    this.sessions = sessions;
    this.io = io;
    this.secureCookie = secureCookie;
  }

  /** {@code POST /api/login {username, password}}. */
  public void login(HttpServerExchange exchange) {
    requireSameOrigin(exchange);
    JsonNode body = io.body(exchange, Set.of("username", "password"));
    String name = body.path("username").asText("");
    char[] password = body.path("password").asText("").toCharArray();
    String address = exchange.getSourceAddress().getAddress().getHostAddress();
    Optional<UserStore.User> user;
    try {
      user = guard.attempt(address, name, () -> users.authenticate(name, password));
    } catch (ApiException e) {
      LOG.info(
          "login not tried for \"{}\" from {}: {}",
          LoginGuard.printable(name),
          address,
          e.getMessage());
      if (e.status() == 429) {
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "60");
      }
      throw e;
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
    if (user.isEmpty()) {
      LOG.info("login refused for \"{}\" from {}", LoginGuard.printable(name), address);
      throw new ApiException(401, "password", "wrong user name or password");
    }
    var opened = sessions.open(user.get().name(), user.get().role());
    exchange.setResponseCookie(cookie(opened.getKey(), -1));
    LOG.info("login: {} ({}) from {}", user.get().name(), user.get().role().label(), address);
    io.send(exchange, 200, describe(opened.getValue()));
  }

  /** {@code POST /api/logout}. */
  public void logout(HttpServerExchange exchange) {
    Cookie cookie = exchange.getRequestCookie(COOKIE);
    if (cookie != null) {
      sessions.close(cookie.getValue());
      onLogout.accept(cookie.getValue());
    }
    exchange.setResponseCookie(cookie("", 0));
    io.send(exchange, 200, Map.of("loggedOut", true));
  }

  /** {@code GET /api/session}: who is logged in, and the CSRF token for writes. */
  public void session(HttpServerExchange exchange) {
    io.send(exchange, 200, describe(exchange.getAttachment(Exchanges.SESSION)));
  }

  private static Map<String, Object> describe(Session session) {
    return Map.of("user", session.user(), "role", session.role().label(), "csrf", session.csrf());
  }

  /** Wraps {@code next}: a live session is required, with {@code role} for writes. */
  public HttpHandler require(Role role, HttpHandler next) {
    return exchange -> {
      Cookie cookie = exchange.getRequestCookie(COOKIE);
      Session session =
          sessions
              .find(cookie == null ? null : cookie.getValue())
              .orElseThrow(() -> new ApiException(401, COOKIE, "log in first"));
      if (!Methods.GET.equals(exchange.getRequestMethod())) {
        requireSameOrigin(exchange);
        if (!session.csrfMatches(exchange.getRequestHeaders().getFirst(CSRF_HEADER))) {
          throw new ApiException(403, CSRF_HEADER, "missing or wrong " + CSRF_HEADER + " header");
        }
      }
      if (role == Role.OPERATOR && session.role() != Role.OPERATOR) {
        throw new ApiException(
            403, "role", "user " + session.user() + " is a viewer; this needs the operator role");
      }
      exchange.putAttachment(Exchanges.SESSION, session);
      next.handleRequest(exchange);
    };
  }

  /** A browser names the page's origin on writes; another site's page is refused. */
  private static void requireSameOrigin(HttpServerExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
    if (origin == null) {
      return;
    }
    String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
    String expected = exchange.getRequestScheme() + "://" + host;
    if (!origin.equals(expected)) {
      throw new ApiException(403, "Origin", "cross-origin request from " + origin + " refused");
    }
  }

  private Cookie cookie(String value, int maxAge) {
    CookieImpl cookie = new CookieImpl(COOKIE, value);
    cookie.setPath("/");
    cookie.setHttpOnly(true);
    cookie.setSameSiteMode("Strict");
    cookie.setSecure(secureCookie);
    if (maxAge >= 0) {
      cookie.setMaxAge(maxAge);
    }
    return cookie;
  }
}
