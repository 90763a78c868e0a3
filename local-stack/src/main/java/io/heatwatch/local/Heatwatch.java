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
    System.exit(new CommandLine(new Heatwatch()).execute(args));
  }
}
