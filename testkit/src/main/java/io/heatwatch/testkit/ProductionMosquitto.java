package io.heatwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Mosquitto running the production files of the repository's {@code infra/}:
 * mosquitto.conf, the topic ACL, certificates from {@code infra/certs/make-certs.sh}, and a
 * password file made with {@code mosquitto_passwd} — so tests exercise what production loads.
 */
public final class ProductionMosquitto {
  private ProductionMosquitto() {}

  /**
   * Starts the broker in {@code dir} with one login per entry of {@code users}; the CA that signed
   * the broker's certificate is {@link #ca(Path) ca(dir)}.
   *
   * @param infra the repository's {@code infra/} folder
   */
  public static MosquittoBroker start(Path dir, Path infra, Map<String, String> users) {
    try {
      Path config = Files.createDirectories(dir.resolve("config"));
      run(
          List.of(
              "bash",
              infra.resolve("certs/make-certs.sh").toString(),
              dir.resolve("certs").toString()));
      Files.copy(infra.resolve("mosquitto/acl"), config.resolve("acl"));
      Path passwd = config.resolve("passwd");
      Files.createFile(passwd);
      for (var user : users.entrySet()) {
        run(List.of("mosquitto_passwd", "-b", passwd.toString(), user.getKey(), user.getValue()));
      }
      return MosquittoBroker.start(dir, infra.resolve("mosquitto/mosquitto.conf"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Mosquitto in " + dir, e);
    }
  }

  /** The CA certificate clients must trust. */
  public static Path ca(Path dir) {
    return dir.resolve("certs").resolve("ca.crt");
  }

  /** The repository's {@code infra/} folder, seen from a module folder (where tests run). */
  public static Path infraOfRepository() {
    return Path.of("..", "infra").toAbsolutePath().normalize();
  }

  private static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }
}
