package io.heatwatch.watchdog;

import io.heatwatch.model.Pipeline.Stage;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One look at the pipeline: when the freshest canary that passed each stage was published, and
 * which components report themselves down.
 *
 * @param now when the look was taken
 * @param started when the watchdog started publishing (the age of a stage no canary passed yet)
 * @param passed per stage, the publish time of the freshest canary seen past it
 * @param down per stage whose component reports FAILED or does not answer, why
 */
record Observation(
    Instant now, Instant started, Map<Stage, Instant> passed, Map<Stage, String> down) {
  Observation {
    passed = Map.copyOf(passed);
    down = Map.copyOf(down);
  }

  Optional<Instant> passed(Stage stage) {
    return Optional.ofNullable(passed.get(stage));
  }

  /** A builder-like start: nothing passed, nothing down. */
  static Observation at(Instant now, Instant started) {
    return new Observation(now, started, new EnumMap<>(Stage.class), new EnumMap<>(Stage.class));
  }

  Observation withPassed(Stage stage, Instant publishedAt) {
    Map<Stage, Instant> p = new EnumMap<>(Stage.class);
    p.putAll(passed);
    p.put(stage, publishedAt);
    return new Observation(now, started, p, down);
  }

  Observation withDown(Stage stage, String why) {
    Map<Stage, String> d = new EnumMap<>(Stage.class);
    d.putAll(down);
    d.put(stage, why);
    return new Observation(now, started, passed, d);
  }
}
