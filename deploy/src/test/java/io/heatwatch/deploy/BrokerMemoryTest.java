package io.heatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker fits its box: the arithmetic of docs/operations.md ("The broker's memory") over
 * infra/mosquitto/mosquitto.conf, the compose file's mem_limit and the bridge's task count, so that
 * changing one of them without the others fails here.
 */
class BrokerMemoryTest {
  /**
   * Memory the broker uses but does not count against memory_limit: TLS buffers of every connection
   * (OpenSSL allocates outside Mosquitto's tracking), malloc overhead, the page cache of the
   * snapshot being written.
   */
  static final long UNTRACKED_ALLOWANCE = 512L << 20;

  /** A lower bound of the heap one queued message holds, whatever its payload. */
  static final long MIN_MESSAGE_HEAP = 128;

  /** The most PUBACKed messages a killed broker may lose, in seconds of traffic. */
  static final int MAX_LOSS_SECONDS = 5;

  private static final Map<String, String> conf = new HashMap<>();
  private static long containerLimit;
  private static int bridgeSessions;

  @BeforeAll
  static void parse() throws IOException {
    for (String line : Files.readAllLines(Repo.file("infra/mosquitto/mosquitto.conf"))) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        String[] parts = trimmed.split("\\s+", 2);
        conf.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode compose = yaml.readTree(Repo.file("infra/docker-compose.yml").toFile());
    containerLimit = bytes(compose.at("/services/mosquitto/mem_limit").asText());
    JsonNode source =
        new ObjectMapper().readTree(Repo.file("infra/connect/mqtt-source.json").toFile());
    bridgeSessions = source.at("/config/tasks.max").asInt();
  }

  static long bytes(String limit) {
    Matcher m = Pattern.compile("(\\d+)([kmg]?)").matcher(limit.toLowerCase());
    assertThat(m.matches()).as("a size: " + limit).isTrue();
    int shift = Map.of("", 0, "k", 10, "m", 20, "g", 30).get(m.group(2));
    return Long.parseLong(m.group(1)) << shift;
  }

  private static long setting(String key) {
    assertThat(conf).as("mosquitto.conf sets " + key).containsKey(key);
    return Long.parseLong(conf.get(key));
  }

  /** The broker's heap is bounded (memory_limit) and fits the container with the allowance. */
  static long memoryLimit() {
    return setting("memory_limit");
  }

  /** memory_limit as mosquitto.conf sets it, for the other deploy tests. */
  static long memoryLimitOfTheConf() throws IOException {
    if (conf.isEmpty()) {
      parse();
    }
    return memoryLimit();
  }

  @Test
  void theBrokersHeapIsBoundedAndFitsItsContainer() {
    long limit = memoryLimit();
    assertThat(limit).as("memory_limit (0 = no limit)").isPositive();
    assertThat(limit + UNTRACKED_ALLOWANCE)
        .as("memory_limit + untracked allowance <= the mosquitto container's mem_limit")
        .isLessThanOrEqualTo(containerLimit);
  }

  @Test
  void theQueueBoundsFitTheContainer() {
    long perClient = setting("max_queued_bytes");
    assertThat(perClient).as("max_queued_bytes (0 = no limit)").isPositive();
    assertThat(perClient * bridgeSessions + UNTRACKED_ALLOWANCE)
        .as("max_queued_bytes x bridge sessions (tasks.max) + allowance <= mem_limit")
        .isLessThanOrEqualTo(containerLimit);
  }

  @Test
  void thePublisherIsRefusedBeforeAQueuedMessageIsDropped() {
    // A full per-client queue drops a message the publisher already has a PUBACK for (lost); a
    // full heap refuses the publish (the device keeps it in its outbox). The heap must run out
    // first: the queued payload never exceeds the heap that holds it.
    assertThat(setting("max_queued_bytes") * bridgeSessions)
        .as("max_queued_bytes x bridge sessions >= memory_limit")
        .isGreaterThanOrEqualTo(memoryLimit());
    // every queued message holds at least MIN_MESSAGE_HEAP of tracked heap (its store record and
    // queue entry, even with an empty payload), so the count bound cannot be reached before the
    // heap runs out; 0 (no count bound) made Mosquitto 2.0.11 drop the connection of a client
    // whose publish it refused (ProductionBrokerIT)
    long count = setting("max_queued_messages");
    assertThat(count).as("max_queued_messages").isPositive();
    assertThat(count * MIN_MESSAGE_HEAP)
        .as("max_queued_messages x " + MIN_MESSAGE_HEAP + " B >= memory_limit")
        .isGreaterThanOrEqualTo(memoryLimit());
  }

  @Test
  void aKilledBrokerLosesAtMostAFewSeconds() {
    assertThat(conf.get("persistence")).isEqualTo("true");
    assertThat(conf.get("autosave_on_changes"))
        .as("autosave_interval counts seconds, not changes (a time bound at any rate)")
        .isEqualTo("false");
    assertThat(setting("autosave_interval")).isBetween(1L, (long) MAX_LOSS_SECONDS);
  }

  @Test
  void theRunbookStatesTheArithmetic() throws IOException {
    String doc = Files.readString(Repo.file("docs/operations.md"));
    assertThat(doc)
        .contains("memory_limit " + memoryLimit())
        .contains("max_queued_bytes " + setting("max_queued_bytes"))
        .contains("autosave_interval " + setting("autosave_interval"))
        .contains((memoryLimit() >> 20) + " MiB")
        .contains((UNTRACKED_ALLOWANCE >> 20) + " MiB")
        .contains((containerLimit >> 20) + " MiB");
  }
}
