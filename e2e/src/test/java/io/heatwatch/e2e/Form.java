package io.heatwatch.e2e;

import java.time.Duration;

/**
 * How hard the fault suite pushes: the short form runs in every {@code ./mvnw verify}, the long
 * form ({@code -Pe2e-long}) writes {@code docs/reliability.md}.
 *
 * @param name short or long
 * @param devices simulated devices per case (4 sensors each, one reading per second)
 * @param warmup traffic before the fault
 * @param after traffic after the fault
 * @param kills SIGKILLs of the agent process
 * @param brokerOutage how long the MQTT broker is down
 * @param cut how long the network between devices and broker is cut
 * @param lossy how long it is then slow and lossy
 * @param connectGap traffic between the task restart and the worker restart
 * @param kafkaRestarts Kafka restarts, one after another
 * @param flinkGap traffic between the TaskManager failure and the job restart
 * @param esOutage how long Elasticsearch is down
 * @param skew how long the devices' clocks are wrong before NTP syncs them
 */
record Form(
    String name,
    int devices,
    Duration warmup,
    Duration after,
    int kills,
    Duration brokerOutage,
    Duration cut,
    Duration lossy,
    Duration connectGap,
    int kafkaRestarts,
    Duration flinkGap,
    Duration esOutage,
    Duration skew) {

  /**
   * The tag of cases only the long form runs ({@code e2e.excludedGroups} in e2e/pom.xml): faults
   * whose path another short-form case also crosses, left out of {@code ./mvnw verify} to keep it
   * under 20 minutes.
   */
  static final String LONG_ONLY = "long-form-only";

  static final Form SHORT =
      new Form(
          "short",
          3,
          Duration.ofSeconds(4),
          Duration.ofSeconds(6),
          4,
          Duration.ofSeconds(15),
          Duration.ofSeconds(12),
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          1,
          Duration.ofSeconds(8),
          Duration.ofSeconds(20),
          Duration.ofSeconds(15));

  static final Form LONG =
      new Form(
          "long",
          6,
          Duration.ofSeconds(20),
          Duration.ofSeconds(30),
          25,
          Duration.ofMinutes(3),
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          Duration.ofSeconds(30),
          3,
          Duration.ofSeconds(30),
          Duration.ofMinutes(3),
          Duration.ofSeconds(60));

  /** The form named by {@code -Dheatwatch.e2e.form}, short by default. */
  static Form selected() {
    String name = System.getProperty("heatwatch.e2e.form", "short");
    return switch (name) {
      case "short" -> SHORT;
      case "long" -> LONG;
      default ->
          throw new IllegalArgumentException(
              "heatwatch.e2e.form must be short or long, got " + name);
    };
  }
}
