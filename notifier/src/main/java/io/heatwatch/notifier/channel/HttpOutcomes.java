package io.heatwatch.notifier.channel;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Sends one request and says what came of it, the same for webhooks and SMS providers: 2xx
 * Delivered; 429 and 503 Retry after the server's Retry-After; other 5xx, timeouts and refused
 * connections Retry; other answers (4xx, and redirects, which are not followed so a signed body
 * never goes elsewhere) Failed.
 */
final class HttpOutcomes {
  /** How much of a response body goes into an outcome's reason. */
  private static final int MAX_DETAIL = 200;

  private HttpOutcomes() {}

  static HttpClient client(Duration timeout) {
    return HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  static Outcome send(HttpClient client, HttpRequest request, Clock clock) {
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return new Outcome.Retry(
          "timed out after " + request.timeout().map(Duration::toMillis).orElse(0L) + " ms");
    } catch (ConnectException e) {
      return new Outcome.Retry("connection refused: " + e.getMessage());
    } catch (IOException e) {
      return new Outcome.Retry(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Retry("interrupted while sending");
    }
    return of(
        response.statusCode(),
        response.headers().firstValue("Retry-After"),
        response.body(),
        clock);
  }

  static Outcome of(int status, Optional<String> retryAfter, String body, Clock clock) {
    String detail =
        "HTTP "
            + status
            + (body == null || body.isBlank()
                ? ""
                : ": " + MessageText.cut(body.strip(), MAX_DETAIL));
    if (status >= 200 && status < 300) {
      return new Outcome.Delivered(detail);
    }
    if (status == 429 || status == 503) {
      return new Outcome.Retry(detail, retryAfter.map(v -> retryAfter(v, clock)).orElse(null));
    }
    if (status >= 500) {
      return new Outcome.Retry(detail);
    }
    return new Outcome.Failed(detail);
  }

  /** Retry-After as seconds or an HTTP date (RFC 9110 10.2.3); null when it is neither. */
  static Duration retryAfter(String value, Clock clock) {
    String v = value.trim();
    try {
      long s = Long.parseLong(v);
      return s < 0 ? null : Duration.ofSeconds(s);
    } catch (NumberFormatException e) {
      try {
        Duration d =
            Duration.between(
                clock.instant(),
                ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
