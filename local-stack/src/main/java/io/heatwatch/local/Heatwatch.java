package io.heatwatch.local;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./heatwatch} command line. */
@Command(
    name = "heatwatch",
    mixinStandardHelpOptions = true,
    description = "Temperature monitoring from the sensor to the dashboard.",
    subcommands = {DemoCommand.class})
public final class Heatwatch {
  public static void main(String[] args) {
    System.exit(
        new CommandLine(new Heatwatch())
            .setExecutionExceptionHandler(Heatwatch::failure)
            .execute(args));
  }

  /** Start-up problems the user can fix (a taken port, a bad option) get one line, not a trace. */
  private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
      command.getErr().println("heatwatch: " + e.getMessage());
    } else {
      e.printStackTrace(command.getErr());
    }
    return 2;
  }
}
