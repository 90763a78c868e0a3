package io.heatwatch.job;

import static io.heatwatch.job.JobConfig.invalid;

import io.heatwatch.job.JobConfig.ElasticsearchLogin;
import io.heatwatch.model.Durations;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Typed reads of {@link JobOptions} from a Flink configuration, each failure naming key and value.
 */
record OptionValues(Configuration settings) {
  /** The value or the option's default; a value that does not parse fails with {@code expected}. */
  <T> T value(ConfigOption<T> option, String expected) {
    try {
      return settings.get(option);
    } catch (IllegalArgumentException e) {
      String text = raw(option);
      throw invalid(option, text, text.isBlank() ? "is required" : expected);
    }
  }

  String text(ConfigOption<String> option) {
    return value(option, "");
  }

  double number(ConfigOption<Double> option) {
    return value(option, "expected a number");
  }

  Duration duration(ConfigOption<Duration> option) {
    return value(option, "expected a duration such as '500 ms', '10 s', '5 min' or '7 d'");
  }

  /** Comma-separated durations, empty for a blank value. */
  List<Duration> durations(ConfigOption<String> option) {
    String text = text(option);
    List<Duration> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String part : text.split(",")) {
      try {
        out.add(Durations.parse(option.key(), part));
      } catch (IllegalArgumentException e) {
        throw invalid(option, text, "expected durations such as '15 min, 45 min', comma-separated");
      }
    }
    return out;
  }

  /** A whole number, or empty when unset or blank. */
  OptionalInt optionalInt(ConfigOption<Integer> option) {
    String text = raw(option);
    if (text != null && text.isBlank()) {
      return OptionalInt.empty();
    }
    Integer value = value(option, "expected a whole number");
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  ZoneId zone(ConfigOption<String> option) {
    String text = text(option);
    if (text.isBlank()) {
      throw invalid(option, text, "is required");
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw invalid(option, text, "expected a time zone id such as 'UTC' or 'Europe/Berlin'");
    }
  }

  List<URI> urls(ConfigOption<String> option) {
    String text = text(option);
    if (text == null) {
      return null;
    }
    List<URI> urls = new ArrayList<>();
    for (String part : text.split(",")) {
      urls.add(url(option, part.trim()));
    }
    return urls;
  }

  /** The user and the password read from its file, or empty when neither is set. */
  Optional<ElasticsearchLogin> login(
      ConfigOption<String> usernameOption, ConfigOption<String> passwordFileOption) {
    String username = text(usernameOption);
    String passwordFile = text(passwordFileOption);
    boolean hasUser = username != null && !username.isBlank();
    boolean hasFile = passwordFile != null && !passwordFile.isBlank();
    if (hasUser != hasFile) {
      throw invalid(
          hasUser ? passwordFileOption : usernameOption,
          hasUser ? passwordFile : username,
          "is required with " + (hasUser ? usernameOption : passwordFileOption).key());
    }
    if (!hasUser) {
      return Optional.empty();
    }
    try {
      String password = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
      if (password.isEmpty()) {
        throw invalid(passwordFileOption, passwordFile, "is empty");
      }
      return Optional.of(new ElasticsearchLogin(username, password));
    } catch (IOException e) {
      throw invalid(passwordFileOption, passwordFile, "cannot be read: " + e.getMessage());
    }
  }

  private String raw(ConfigOption<?> option) {
    return settings.toMap().get(option.key());
  }

  private static URI url(ConfigOption<String> option, String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(
          option, text, "expected http(s)://host:port, comma-separated: " + e.getReason());
    }
    boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    if (!http || uri.getHost() == null || uri.getPort() < 1) {
      throw invalid(option, text, "expected http(s)://host:port, comma-separated");
    }
    return uri;
  }
}
