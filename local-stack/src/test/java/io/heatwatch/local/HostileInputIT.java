package io.heatwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.local.HostilePayloads.Hostile;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated garbage thrown at the running local stack through a real MQTT client (and at the legacy
 * Kafka topic), interleaved with valid readings and replays of them. Afterwards: every valid
 * reading is indexed once and unchanged by its replays; every hostile message is accounted for,
 * refused by the broker, dead-lettered by the bridge or set aside by the job, each with a reason;
 * the Connect task and the Flink job ran throughout without a restart and the console answered.
 *
 * <p>The stream is one jqwik property with a fixed seed; {@code -Dheatwatch.hostile.steps=N} makes
 * it longer (the {@code hostile-long} profile sets 170,000).
 */
class HostileInputIT {
  /** Steps of the stream: valid readings, hostile messages, replays, legacy garbage. */
  static final int STEPS = Integer.getInteger("heatwatch.hostile.steps", 6_000);

  /** Hostile messages a run must send at least (MQTT and legacy together). */
  static final int MIN_HOSTILE = Math.min(10_000, STEPS / 2);

  private static Path dir;
  private static LocalStack stack;
  private static DemoConsole console;
  private static StackWatch watch;

  @BeforeContainer
  static void startStack() throws Exception {
    dir = Files.createTempDirectory("heatwatch-hostile");
    stack = LocalStack.start(dir.resolve("stack"), StackPorts.ANY);
    console = DemoConsole.start(stack, dir, Ports.free());
    watch = StackWatch.start(stack, console);
  }

  @AfterContainer
  static void stopStack() throws Exception {
    if (watch != null) {
      watch.close();
    }
    if (console != null) {
      console.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  /** One step of the stream. */
  sealed interface Step permits Valid, HostileStep, Replay, LegacyGarbage {}

  /** A valid reading of device {@code ok-(device+1)}. */
  record Valid(int device, double tempC) implements Step {}

  /** A hostile MQTT message, on a topic of its own. */
  record HostileStep(Hostile hostile) implements Step {}

  /** A valid reading sent again with the same seq and another value. */
  record Replay(int pick) implements Step {}

  /** Garbage written straight to the legacy Kafka topic the job reads. */
  record LegacyGarbage(Hostile hostile) implements Step {}

  @Provide
  Arbitrary<List<Step>> stream() {
    Arbitrary<Step> valid =
        Arbitraries.integers()
            .between(0, Books.VALID_DEVICES - 1)
            .flatMap(
                d -> Arbitraries.doubles().between(2.0, 8.0).ofScale(4).map(t -> new Valid(d, t)));
    Arbitrary<Step> hostile = HostilePayloads.any().map(HostileStep::new);
    Arbitrary<Step> replay = Arbitraries.integers().between(0, 1_000_000).map(Replay::new);
    Arbitrary<Step> legacy =
        Arbitraries.oneOf(
                HostilePayloads.randomBytes(),
                HostilePayloads.brokenJson(),
                HostilePayloads.extremeNumbers())
            .map(LegacyGarbage::new);
    return Arbitraries.frequencyOf(
            Tuple.of(33, valid), Tuple.of(60, hostile), Tuple.of(3, replay), Tuple.of(4, legacy))
        .list()
        .ofSize(STEPS);
  }

  // One try, no edge cases: an edge case of a list is a list of one repeated value.
  @Property(
      tries = 1,
      seed = "20261204",
      shrinking = ShrinkingMode.OFF,
      edgeCases = EdgeCasesMode.NONE,
      afterFailure = AfterFailureMode.PREVIOUS_SEED)
  void everyInputIsStoredDeadLetteredOrRefusedAndNothingStops(@ForAll("stream") List<Step> steps)
      throws Exception {
    Books books;
    try (Thrower thrower = Thrower.connect(stack)) {
      for (Step step : steps) {
        thrower.send(step);
      }
      books = thrower.books();
    }
    assertThat(books.hostileSent())
        .as("hostile messages sent (MQTT and legacy)")
        .isGreaterThanOrEqualTo(MIN_HOSTILE);

    ElasticsearchHttp es = new ElasticsearchHttp(stack.elasticsearch().httpUrl());
    Ledger ledger = new Ledger(stack, es);
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> ledger.indexedValid(books) >= books.validSent());
    ledger.assertValidReadingsIndexedOnceAndUnchanged(books);
    ledger.assertEveryHostileAccountedFor(books);
    books.report(Path.of("target"));
    watch.assertHealthyThroughout();
  }

  /** Counts of outcomes by class, printed for docs/reliability.md. */
  static Map<String, Map<String, Integer>> byClass(
      Map<Integer, String> kinds, Map<Integer, String> outcomes) {
    Map<String, Map<String, Integer>> table = new TreeMap<>();
    kinds.forEach(
        (n, kind) ->
            table
                .computeIfAbsent(kind, k -> new LinkedHashMap<>())
                .merge(outcomes.getOrDefault(n, "unaccounted"), 1, Integer::sum));
    return table;
  }

  static List<String> lines(Map<String, Map<String, Integer>> table) {
    List<String> lines = new ArrayList<>();
    table.forEach((kind, outcomes) -> lines.add(kind + " -> " + outcomes));
    return lines;
  }

  static String utf8(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  static String header(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : utf8(header.value());
  }

  static JsonNode hits(JsonNode answer) {
    return answer.path("hits").path("hits");
  }
}
