package io.heatwatch.notifier.config;

import java.util.List;

/** The configuration file has problems; the message lists every one, each naming its path. */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  ConfigException(String source, List<String> problems) {
    super(source + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, {@code path: what is wrong}. */
  public List<String> problems() {
    return problems;
  }
}
