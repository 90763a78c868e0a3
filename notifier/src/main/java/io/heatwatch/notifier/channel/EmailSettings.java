package io.heatwatch.notifier.channel;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.heatwatch.notifier.Secret;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;

/**
 * An SMTP server to send e-mail through.
 *
 * @param host the server's host name
 * @param port its port; absent: 587 for STARTTLS, 465 for SMTPS, 25 for NONE
 * @param tls how the connection is protected; absent: STARTTLS. NONE only to a loopback host
 * @param username the login, or absent for a server that takes mail without one
 * @param password the login's password ({@code env:NAME} or {@code file:/path}); with username
 * @param from the sender address
 * @param timeout how long connecting, and each reply, may take; absent: 10 s
 */
public record EmailSettings(
    String host,
    Integer port,
    Tls tls,
    String username,
    Secret password,
    String from,
    @JsonDeserialize(using = DurationText.class) Duration timeout)
    implements ChannelSettings {

  /** Timeout when none is set: long enough for a slow relay, short enough to retry soon. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** How the SMTP connection is protected. */
  public enum Tls {
    /** Plain connection upgraded with STARTTLS, which must succeed (port 587). */
    STARTTLS,
    /** TLS from the first byte (port 465). */
    SMTPS,
    /** No encryption: only to a relay on this machine. */
    NONE
  }

  public EmailSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is missing");
    }
    tls = tls == null ? Tls.STARTTLS : tls;
    if (tls == Tls.NONE && !Hosts.isLoopback(host)) {
      throw new IllegalArgumentException(
          "tls NONE is only allowed to a loopback host, got host " + host);
    }
    if (port == null) {
      port =
          switch (tls) {
            case STARTTLS -> 587;
            case SMTPS -> 465;
            case NONE -> 25;
          };
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, got " + port);
    }
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException(
          "username and password must be set together, got "
              + (username == null ? "a password without a username" : "username " + username));
    }
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("from is missing");
    }
    try {
      new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException("from must be an e-mail address, got " + from);
    }
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
    }
  }

  @Override
  public Channel open(String id) {
    return new EmailChannel(id, this);
  }
}
