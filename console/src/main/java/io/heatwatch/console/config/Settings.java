package io.heatwatch.console.config;

import static io.heatwatch.console.config.ConsoleConfig.invalid;

import io.heatwatch.model.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Raw values with their defaults, parsed key by key. */
record Settings(Map<String, String> raw) {
  String text(String key) {
    String value = raw.containsKey(key) ? raw.get(key) : ConsoleConfig.DEFAULTS.get(key);
    return value == null || value.isBlank() ? null : value.strip();
  }

  String required(String key) {
    String value = text(key);
    if (value == null) {
      throw invalid(key, "", "is required");
    }
    return value;
  }

  int port(String key) {
    String value = required(key);
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw invalid(key, value, "must be 0..65535");
      }
      return port;
    } catch (NumberFormatException e) {
      throw invalid(key, value, "expected a port number");
    }
  }

  int count(String key) {
    String value = required(key);
    try {
      int n = Integer.parseInt(value);
      if (n < 1) {
        throw invalid(key, value, "must be at least 1");
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(key, value, "expected a whole number");
    }
  }

  double number(String key) {
    String value = required(key);
    try {
      double d = Double.parseDouble(value);
      if (!Double.isFinite(d)) {
        throw invalid(key, value, "must be finite");
      }
      return d;
    } catch (NumberFormatException e) {
      throw invalid(key, value, "expected a number");
    }
  }

  Duration duration(String key) {
    String value = required(key);
    Duration d;
    try {
      d = Durations.parse(key, value);
    } catch (IllegalArgumentException e) {
      throw invalid(key, value, "expected a number and a unit such as 500 ms, 30 s, 5 min, 12 h");
    }
    if (d.isNegative() || d.isZero()) {
      throw invalid(key, value, "must be positive");
    }
    return d;
  }

  URI url(String key) {
    String first = required(key).split(",")[0].strip();
    if (!first.startsWith("http://") && !first.startsWith("https://")) {
      throw invalid(key, first, "expected an http(s)://host:port URL");
    }
    return URI.create(first.endsWith("/") ? first.substring(0, first.length() - 1) : first);
  }
}
