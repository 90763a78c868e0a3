package io.heatwatch.console.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The users file: one {@code name:role:bcrypt-hash} per line, {@code #} comments. Read again when
 * it changes, so a user added with the CLI can log in without a restart.
 */
public final class UserStore {
  /** bcrypt cost: about a quarter of a second per check on a small server core. */
  public static final int COST = 12;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  // Checked against when the user does not exist, so an unknown name costs as long as a known one.
  private static final char[] DUMMY = "not-a-password".toCharArray();
  private static final byte[] DUMMY_HASH = BCrypt.withDefaults().hash(COST, DUMMY);

  private final Path file;
  private final Object lock = new Object();
  private Map<String, User> users = Map.of();
  private FileTime loadedAt;

  /** A user of the console. */
  public record User(String name, Role role, String hash) {}

  public UserStore(Path file) {
    this.file = file;
    if (current().isEmpty()) {
      throw new IllegalArgumentException(
          "users file "
              + file
              + " has no user: add one with `console users add --file "
              + file
              + " --role operator NAME`");
    }
  }

  /**
   * The user when the password is theirs; empty otherwise. Not synchronized: bcrypt takes a quarter
   * of a second, and the caller bounds how many run at once ({@code LoginGuard}).
   */
  public Optional<User> authenticate(String name, char[] password) {
    User user = name == null ? null : current().get(name);
    if (user == null) {
      BCrypt.verifyer().verify(password, DUMMY_HASH);
      return Optional.empty();
    }
    boolean ok =
        BCrypt.verifyer().verify(password, user.hash().getBytes(StandardCharsets.UTF_8)).verified;
    return ok ? Optional.of(user) : Optional.empty();
  }

  /** The user of that name as the users file has it now; empty when it no longer does. */
  public Optional<User> find(String name) {
    return Optional.ofNullable(name == null ? null : current().get(name));
  }

  // The file's users, read again when its modification time changes; the lock covers only that.
  private Map<String, User> current() {
    synchronized (lock) {
      reloadIfChanged();
      return users;
    }
  }

  private void reloadIfChanged() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.equals(loadedAt)) {
        return;
      }
      users = parse(Files.readAllLines(file, StandardCharsets.UTF_8), file);
      loadedAt = modified;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read users file " + file, e);
    }
  }

  static Map<String, User> parse(List<String> lines, Path file) {
    Map<String, User> parsed = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(":", 3);
      if (parts.length != 3 || !parts[2].startsWith("$2")) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": expected name:role:bcrypt-hash");
      }
      parsed.put(parts[0], new User(parts[0], Role.parse(parts[1]), parts[2]));
    }
    return Map.copyOf(parsed);
  }

  /**
   * Adds (or replaces) a user in {@code file}, creating it readable by its owner only; the password
   * is hashed here and never stored.
   */
  public static void addUser(Path file, String name, Role role, char[] password) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("user name \"" + name + "\" must match " + NAME.pattern());
    }
    if (password.length < 12) {
      throw new IllegalArgumentException("password must have at least 12 characters");
    }
    String hash = new String(BCrypt.withDefaults().hash(COST, password), StandardCharsets.UTF_8);
    try {
      List<String> lines = new ArrayList<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.startsWith(name + ":")) {
            lines.add(line);
          }
        }
      } else {
        lines.add("# heatwatch console users: name:role:bcrypt-hash (console users add)");
      }
      lines.add(name + ":" + role.label() + ":" + hash);
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".users", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's permissions are all there is
      }
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write users file " + file, e);
    }
  }
}
