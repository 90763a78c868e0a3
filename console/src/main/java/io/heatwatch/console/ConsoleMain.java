package io.heatwatch.console;

import io.heatwatch.console.auth.Role;
import io.heatwatch.console.auth.UserStore;
import io.heatwatch.console.config.ConsoleConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code console serve} runs the console; {@code console users add} adds a login. */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = "heatwatch operator console",
    subcommands = {ConsoleMain.Serve.class, ConsoleMain.Users.class})
public final class ConsoleMain {
  public static void main(String[] args) {
    System.exit(new CommandLine(new ConsoleMain()).execute(args));
  }

  /** Runs the console until the process is stopped. */
  @Command(name = "serve", mixinStandardHelpOptions = true, description = "run the console")
  static final class Serve implements Callable<Integer> {
    @Option(
        names = "--config",
        required = true,
        description = "properties file of console settings (docs/console.md)")
    Path config;

    @Override
    public Integer call() throws Exception {
      ConsoleServer console =
          ConsoleServer.start(ConsoleConfig.fromFile(config), Clock.systemUTC());
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      console.close();
                    } catch (Exception e) {
                      System.err.println("console stop: " + e);
                    }
                    stopped.countDown();
                  }));
      stopped.await();
      return 0;
    }
  }

  /** Manages the users file. */
  @Command(
      name = "users",
      mixinStandardHelpOptions = true,
      description = "manage console logins",
      subcommands = Users.Add.class)
  static final class Users {
    /** Adds or replaces one user; the password is read from the terminal or standard input. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "add or replace a user")
    static final class Add implements Callable<Integer> {
      @Option(names = "--file", required = true, description = "the users file")
      Path file;

      @Option(
          names = "--role",
          required = true,
          description = "viewer (read only) or operator (acknowledge, thresholds)")
      String role;

      @Option(
          names = "--password-file",
          description = "read the password from this file instead of the terminal/stdin")
      Path passwordFile;

      @Parameters(index = "0", description = "user name, e.g. maria")
      String name;

      @Override
      public Integer call() throws Exception {
        char[] password = password();
        try {
          UserStore.addUser(file, name, Role.parse(role), password);
        } finally {
          Arrays.fill(password, '\0');
        }
        System.out.println("user " + name + " (" + role + ") written to " + file);
        return 0;
      }

      private char[] password() throws Exception {
        if (passwordFile != null) {
          return Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
        }
        java.io.Console terminal = System.console();
        if (terminal != null) {
          char[] first = terminal.readPassword("password for %s: ", name);
          char[] again = terminal.readPassword("again: ");
          if (!Arrays.equals(first, again)) {
            throw new IllegalArgumentException("the two passwords differ");
          }
          return first;
        }
        String line =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
          throw new IllegalArgumentException("no password on standard input");
        }
        return line.strip().toCharArray();
      }
    }
  }
}
