package io.heatwatch.watchdog;

import io.heatwatch.model.Pipeline.Stage;
import io.heatwatch.watchdog.StageView.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides from an {@link Observation} which stage, if any, stopped passing the canary.
 *
 * <p>The pipeline is stalled when no canary has come through to Elasticsearch for {@code
 * stallAfter}. The stage named is then the first whose component reports itself down, servers
 * before their clients (a Kafka or Elasticsearch that is down makes the bridge or the job fail too,
 * and the cause is the server), or else the first stage the canary does not pass. A stage behind
 * the stalled one that no canary reaches is unknown, not stalled: nothing can be said of it. Nor is
 * a stage blamed while the stage before it passes the canary again for less than {@code
 * stallAfter}: in a recovery the canary reaches Kafka before the job has indexed it, and the stall
 * must not move to the job for that.
 */
final class StallJudge {
  /** Servers first: their clients fail because of them. */
  private static final List<Stage> DOWN_PRIORITY =
      List.of(Stage.BROKER, Stage.KAFKA, Stage.ELASTICSEARCH, Stage.BRIDGE, Stage.JOB);

  private final Duration stallAfter;
  private final Map<Stage, StageView> last = new EnumMap<>(Stage.class);

  StallJudge(Duration stallAfter) {
    if (stallAfter.isNegative() || stallAfter.isZero()) {
      throw new IllegalArgumentException("stallAfter must be positive, got " + stallAfter);
    }
    this.stallAfter = stallAfter;
  }

  /** The verdict on one observation; remembers since when each stage is in its state. */
  synchronized Verdict judge(Observation o) {
    Duration endToEnd = age(o, Stage.ELASTICSEARCH);
    boolean stalled = endToEnd.compareTo(stallAfter) > 0;
    Optional<Stage> firstLate = Optional.empty();
    boolean blocked = false;
    List<StageView> views = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      Duration age = age(o, stage);
      boolean late = age.compareTo(stallAfter) > 0;
      StageView upstream = views.isEmpty() ? null : views.get(views.size() - 1);
      State state;
      String detail;
      if (o.down().containsKey(stage)) {
        state = State.STALLED;
        detail = o.down().get(stage);
      } else if (late && !blocked && catchingUp(upstream, o.now())) {
        state = State.UNKNOWN;
        detail =
            "catching up: "
                + StageView.words(upstream.stage())
                + " passes the canary again since "
                + Duration.between(upstream.since(), o.now()).toSeconds()
                + " s";
        blocked = true;
      } else if (late && !blocked) {
        state = State.STALLED;
        detail = "no canary passed for " + age.toSeconds() + " s";
        firstLate = Optional.of(stage);
        blocked = true;
      } else if (late) {
        state = State.UNKNOWN;
        detail = "no canary reaches it: an earlier stage is stalled";
      } else if (o.passed(stage).isEmpty()) {
        state = State.UNKNOWN;
        detail = "waiting for the first canary";
      } else {
        state = State.OK;
        detail = "canary passed " + age.toSeconds() + " s ago";
      }
      views.add(remember(stage, state, detail, o));
    }
    Optional<Stage> late = firstLate;
    Optional<Stage> named =
        stalled
            ? DOWN_PRIORITY.stream().filter(o.down()::containsKey).findFirst().or(() -> late)
            : Optional.empty();
    String reason =
        named
            .map(
                s ->
                    "pipeline stalled at "
                        + StageView.words(s)
                        + ": no canary came through for "
                        + endToEnd.toSeconds()
                        + " s; "
                        + detailOf(views, s))
            .orElse("");
    boolean flowing = !stalled && o.passed(Stage.ELASTICSEARCH).isPresent();
    return new Verdict(List.copyOf(views), named, reason, endToEnd, flowing);
  }

  private boolean catchingUp(StageView upstream, Instant now) {
    return upstream != null
        && upstream.state() == State.OK
        && Duration.between(upstream.since(), now).compareTo(stallAfter) < 0;
  }

  /** A stage's view with since: when it entered its state, or the start for the first look. */
  private StageView remember(Stage stage, State state, String detail, Observation o) {
    StageView before = last.get(stage);
    Instant since =
        before == null ? o.started() : before.state() == state ? before.since() : o.now();
    StageView view = new StageView(stage, state, since, detail);
    last.put(stage, view);
    return view;
  }

  private static String detailOf(List<StageView> views, Stage stage) {
    return views.stream().filter(v -> v.stage() == stage).findFirst().orElseThrow().detail();
  }

  private static Duration age(Observation o, Stage stage) {
    return Duration.between(o.passed(stage).orElse(o.started()), o.now());
  }

  /**
   * The judge's answer.
   *
   * @param stages every stage in order
   * @param stalled the stage named stalled, empty while the canary flows
   * @param reason the alarm's message when stalled
   * @param canaryAge the age of the freshest canary that came all the way through
   * @param flowing a canary came all the way through within the stall bound (not merely: no stall
   *     yet, as in the first {@code stallAfter} after a start)
   */
  record Verdict(
      List<StageView> stages,
      Optional<Stage> stalled,
      String reason,
      Duration canaryAge,
      boolean flowing) {
    boolean allStagesOk() {
      return stages.stream().allMatch(v -> v.state() == State.OK);
    }

    boolean anyStageStalled() {
      return stages.stream().anyMatch(v -> v.state() == State.STALLED);
    }
  }
}
