package io.heatwatch.notifier.channel;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The transport-security rule every channel shares: plain text only to this machine. Loopback is
 * judged from the name alone (no DNS), so a name that resolves to 127.0.0.1 elsewhere does not slip
 * through.
 */
final class Hosts {
  private static final Pattern IPV4_LOOPBACK =
      Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private Hosts() {}

  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || IPV4_LOOPBACK.matcher(h).matches()
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  /**
   * Checks setting {@code field}: an absolute https URL, or http to a loopback host (a receiver on
   * this machine, a test); anything else throws naming the field and the URL.
   */
  static URI httpUrl(String field, URI url) {
    if (url == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || url.getHost() == null || !scheme.matches("https?")) {
      throw new IllegalArgumentException(
          field
              + " must be an absolute https URL, got "
              + (url.isAbsolute() ? redacted(url) : url));
    }
    if (scheme.equals("http") && !isLoopback(url.getHost())) {
      throw new IllegalArgumentException(
          field + " must use https (http only to a loopback host), got " + redacted(url));
    }
    return url;
  }

  /** The URL without its path and query, which for Slack and ntfy hold the secret part. */
  static String redacted(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }
}
