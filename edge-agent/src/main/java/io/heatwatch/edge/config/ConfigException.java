package io.heatwatch.edge.config;

import java.nio.file.Path;
import java.util.List;

/** A configuration the agent cannot start with; the message has one line per problem. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(Path file, List<String> problems) {
    super(file + ": " + String.join(System.lineSeparator() + file + ": ", problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, one per line of the message. */
  public List<String> problems() {
    return problems;
  }
}
