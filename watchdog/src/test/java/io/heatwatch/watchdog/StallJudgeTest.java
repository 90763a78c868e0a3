package io.heatwatch.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.heatwatch.model.Pipeline.Stage;
import io.heatwatch.watchdog.StageView.State;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StallJudgeTest {
  private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
  private final StallJudge judge = new StallJudge(Duration.ofSeconds(60));

  private static Observation flowingUntil(Instant now, Instant lastThroughAll) {
    Observation o = Observation.at(now, T0);
    for (Stage s : Stage.values()) {
      o = o.withPassed(s, lastThroughAll);
    }
    return o;
  }

  @Test
  void aFlowingCanaryIsOkEverywhere() {
    StallJudge.Verdict v = judge.judge(flowingUntil(T0.plusSeconds(100), T0.plusSeconds(95)));
    assertEquals(Optional.empty(), v.stalled());
    assertTrue(v.stages().stream().allMatch(s -> s.state() == State.OK), v.toString());
    assertEquals(5, v.canaryAge().toSeconds());
  }

  @Test
  void beforeTheFirstCanaryStagesAreUnknownAndNothingIsStalledUntilStallAfter() {
    StallJudge.Verdict v = judge.judge(Observation.at(T0.plusSeconds(30), T0));
    assertEquals(Optional.empty(), v.stalled());
    assertTrue(v.stages().stream().allMatch(s -> s.state() == State.UNKNOWN), v.toString());
  }

  @Test
  void aCanaryThroughTheBrokerButNotIntoKafkaNamesTheBridge() {
    Instant now = T0.plusSeconds(200);
    Observation o =
        flowingUntil(now, T0.plusSeconds(100)).withPassed(Stage.BROKER, now.minusSeconds(2));
    StallJudge.Verdict v = judge.judge(o);
    assertEquals(Optional.of(Stage.BRIDGE), v.stalled());
    assertEquals(State.OK, v.stages().get(0).state());
    assertEquals(State.STALLED, v.stages().get(1).state());
    assertEquals(State.UNKNOWN, v.stages().get(2).state(), "kafka: nothing reaches it");
    assertTrue(v.reason().contains("bridge"), v.reason());
  }

  @Test
  void aCanaryInKafkaButNotInElasticsearchNamesTheJob() {
    Instant now = T0.plusSeconds(200);
    Observation o =
        flowingUntil(now, T0.plusSeconds(100))
            .withPassed(Stage.BROKER, now.minusSeconds(2))
            .withPassed(Stage.BRIDGE, now.minusSeconds(2))
            .withPassed(Stage.KAFKA, now.minusSeconds(2));
    assertEquals(Optional.of(Stage.JOB), judge.judge(o).stalled());
  }

  @Test
  void aServerThatIsDownIsNamedBeforeTheClientsItMakesFail() {
    Instant now = T0.plusSeconds(200);
    Observation o =
        flowingUntil(now, T0.plusSeconds(100))
            .withPassed(Stage.BROKER, now.minusSeconds(2))
            .withDown(Stage.JOB, "job RESTARTING")
            .withDown(Stage.ELASTICSEARCH, "connection refused");
    StallJudge.Verdict v = judge.judge(o);
    assertEquals(Optional.of(Stage.ELASTICSEARCH), v.stalled());
    assertTrue(v.reason().contains("connection refused"), v.reason());
  }

  @Test
  void aComponentDownWhileTheCanaryStillFlowsIsAStalledStageButNoStall() {
    Instant now = T0.plusSeconds(200);
    StallJudge.Verdict v =
        judge.judge(flowingUntil(now, now.minusSeconds(3)).withDown(Stage.BRIDGE, "task 0 FAILED"));
    assertEquals(Optional.empty(), v.stalled());
    assertTrue(v.anyStageStalled());
  }

  @Test
  void sinceIsWhenTheStageEnteredItsStateOrTheStartForTheFirstLook() {
    Instant first = T0.plusSeconds(100);
    assertEquals(
        T0, judge.judge(flowingUntil(first, first.minusSeconds(1))).stages().get(0).since());
    Instant stalled = first.plusSeconds(100);
    judge.judge(flowingUntil(stalled, first));
    StallJudge.Verdict later = judge.judge(flowingUntil(stalled.plusSeconds(10), first));
    assertEquals(stalled, later.stages().get(0).since());
  }

  @Test
  void aStageBehindOneThatJustRecoveredIsNotBlamedBeforeItHadStallAfterToCatchUp() {
    Instant t = T0.plusSeconds(200);
    Observation bridgeStalled =
        flowingUntil(t, T0.plusSeconds(100)).withPassed(Stage.BROKER, t.minusSeconds(1));
    assertEquals(Optional.of(Stage.BRIDGE), judge.judge(bridgeStalled).stalled());

    Instant recovered = t.plusSeconds(1);
    Observation catchingUp =
        flowingUntil(recovered, T0.plusSeconds(100))
            .withPassed(Stage.BROKER, recovered.minusMillis(500))
            .withPassed(Stage.BRIDGE, recovered.minusMillis(500))
            .withPassed(Stage.KAFKA, recovered.minusMillis(500));
    StallJudge.Verdict v = judge.judge(catchingUp);
    assertEquals(Optional.empty(), v.stalled(), "the job has had no time to pass the canary yet");
    assertEquals(false, v.flowing());

    Instant later = recovered.plusSeconds(61);
    Observation jobStuck =
        flowingUntil(later, T0.plusSeconds(100))
            .withPassed(Stage.BROKER, later.minusMillis(500))
            .withPassed(Stage.BRIDGE, later.minusMillis(500))
            .withPassed(Stage.KAFKA, later.minusMillis(500));
    assertEquals(Optional.of(Stage.JOB), judge.judge(jobStuck).stalled());
  }
}
