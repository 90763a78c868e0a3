package io.heatwatch.testkit;

/** The machine a benchmark ran on, as its first line of output says it. */
public final class Machine {
  private Machine() {}

  /** "machine: 2 cores, OpenJDK 64-Bit Server VM 17.0.15 (amd64), max heap 3072 MB". */
  public static String describe() {
    return String.format(
        "machine: %d cores, %s %s (%s), max heap %d MB",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        System.getProperty("os.arch"),
        Runtime.getRuntime().maxMemory() >> 20);
  }
}
