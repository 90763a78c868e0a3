package io.heatwatch.edge.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file {@code mqtt.password-file} names: checked by {@code --check-config} and read at start,
 * so either way a file that is missing or unreadable is one line naming the setting and the path.
 */
public final class PasswordFile {
  private PasswordFile() {}

  /**
   * Why {@code file} cannot be read, one line naming the setting and the path; {@code null} when it
   * can, or when no password file is set. A check of this machine's files, so not part of {@link
   * AgentConfig#problems()}, which judges the configuration wherever it is read.
   */
  public static String problem(Path file) {
    return file == null || readable(file) ? null : problem(file, null);
  }

  private static boolean readable(Path file) {
    return Files.isRegularFile(file) && Files.isReadable(file);
  }

  /**
   * The password in {@code file}, without surrounding white space; a {@link ConfigException} of
   * {@code configFile} when it cannot be read.
   */
  public static char[] read(Path configFile, Path file) {
    if (!readable(file)) {
      throw new ConfigException(configFile, List.of(problem(file, null)));
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
    } catch (IOException e) {
      throw new ConfigException(configFile, List.of(problem(file, e)));
    }
  }

  private static String problem(Path file, IOException failure) {
    String why;
    if (failure != null && !(failure instanceof NoSuchFileException)) {
      why = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    } else if (!Files.exists(file)) {
      why = "no such file";
    } else if (Files.isDirectory(file)) {
      why = "a directory, not a file";
    } else {
      why = "not readable by this user";
    }
    return "mqtt.password-file: cannot read " + file + " (" + why + ")";
  }
}
