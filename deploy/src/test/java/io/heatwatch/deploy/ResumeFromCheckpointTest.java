package io.heatwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs infra/flink/resume-job.sh (the JobManager's start-up) under bash against checkpoint trees in
 * a temporary folder, with a stand-in for the Flink entrypoint that records its arguments.
 */
class ResumeFromCheckpointTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir Path dir;

  /** What the entrypoint was started with, and what the script logged. */
  record Run(List<String> args, String log) {}

  private Run run(Path checkpoints, String... extra) throws Exception {
    Path recorder = dir.resolve("entrypoint");
    Files.writeString(recorder, "#!/bin/bash\nprintf '%s\\n' \"$@\" > \"$RECORD\"\n");
    Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(Repo.file("infra/flink/resume-job.sh").toString());
    command.add("standalone-job");
    command.add("--job-classname");
    command.add("io.heatwatch.job.HeatwatchJob");
    command.addAll(List.of(extra));
    command.add("--kafka.bootstrap.servers");
    command.add("kafka:9092");
    command.add("--checkpoint.dir");
    command.add("file://" + checkpoints);
    command.add("--note");
    command.add("an argument with spaces");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Path record = dir.resolve("record");
    builder.environment().put("RECORD", record.toString());
    builder.environment().put("HEATWATCH_NEXT_ENTRYPOINT", recorder.toString());
    Process process = builder.start();
    String log = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(log).isZero();
    return new Run(Files.readAllLines(record), log);
  }

  /** A checkpoint folder; complete (a non-empty _metadata) when {@code complete}. */
  private Path checkpoint(Path root, String job, int n, int minute, boolean complete)
      throws IOException {
    Path chk = Files.createDirectories(root.resolve(job).resolve("chk-" + n));
    Files.writeString(chk.resolve("state-file"), "state");
    if (complete) {
      Path metadata = Files.writeString(chk.resolve("_metadata"), "metadata");
      Files.setLastModifiedTime(metadata, FileTime.from(T0.plusSeconds(60L * minute)));
    }
    Files.createDirectories(root.resolve(job).resolve("shared"));
    Files.createDirectories(root.resolve(job).resolve("taskowned"));
    return chk;
  }

  private static List<String> fresh(Path checkpoints) {
    return List.of(
        "standalone-job",
        "--job-classname",
        "io.heatwatch.job.HeatwatchJob",
        "--kafka.bootstrap.servers",
        "kafka:9092",
        "--checkpoint.dir",
        "file://" + checkpoints,
        "--note",
        "an argument with spaces");
  }

  private static List<String> resumed(Path checkpoints, Path chk) {
    List<String> args = new ArrayList<>(fresh(checkpoints));
    args.addAll(1, List.of("--fromSavepoint", chk.toString()));
    return args;
  }

  @Test
  void withoutACheckpointFolderTheJobStartsFreshAndSaysSo() throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    Run run = run(checkpoints);
    assertThat(run.args()).isEqualTo(fresh(checkpoints));
    assertThat(run.log()).contains("no complete checkpoint", "empty state");
  }

  @Test
  void withOnlyIncompleteCheckpointsTheJobStartsFresh() throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    checkpoint(checkpoints, "a1", 1, 1, false);
    Path empty = checkpoint(checkpoints, "a1", 2, 2, false);
    Files.writeString(empty.resolve("_metadata"), "");
    Run run = run(checkpoints);
    assertThat(run.args()).isEqualTo(fresh(checkpoints));
    assertThat(run.log()).contains("no complete checkpoint");
  }

  @Test
  void oneCheckpointIsResumed() throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    Path chk = checkpoint(checkpoints, "a1", 7, 1, true);
    Run run = run(checkpoints);
    assertThat(run.args()).isEqualTo(resumed(checkpoints, chk));
    assertThat(run.log()).contains("resuming from " + chk);
  }

  @Test
  void theNewestOfSeveralAcrossJobIdsIsResumed() throws Exception {
    // each JobManager start without HA gets a new job id, and a job started fresh counts from 1
    Path checkpoints = dir.resolve("checkpoints");
    checkpoint(checkpoints, "a1", 40, 1, true);
    checkpoint(checkpoints, "a1", 41, 2, true);
    checkpoint(checkpoints, "b2", 2, 3, true);
    Path newest = checkpoint(checkpoints, "b2", 3, 4, true);
    Run run = run(checkpoints);
    assertThat(run.args()).isEqualTo(resumed(checkpoints, newest));
  }

  @Test
  void aNewestCheckpointCutShortIsSkipped() throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    checkpoint(checkpoints, "a1", 5, 1, true);
    Path complete = checkpoint(checkpoints, "a1", 6, 2, true);
    checkpoint(checkpoints, "a1", 7, 3, false);
    Run run = run(checkpoints);
    assertThat(run.args()).isEqualTo(resumed(checkpoints, complete));
  }

  @Test
  void pathsWithSpacesArePassedWhole() throws Exception {
    Path checkpoints = dir.resolve("flink checkpoints/check points");
    checkpoint(checkpoints, "job one", 1, 1, true);
    Path newest = checkpoint(checkpoints, "job one", 2, 2, true);
    Run run = run(checkpoints);
    assertThat(run.args()).isEqualTo(resumed(checkpoints, newest));
  }

  @Test
  void aSavepointTheOperatorGaveWins() throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    checkpoint(checkpoints, "a1", 7, 1, true);
    Run run = run(checkpoints, "--fromSavepoint", "/flink-checkpoints/savepoints/savepoint-1");
    List<String> expected = new ArrayList<>(fresh(checkpoints));
    expected.addAll(3, List.of("--fromSavepoint", "/flink-checkpoints/savepoints/savepoint-1"));
    assertThat(run.args()).isEqualTo(expected);
    assertThat(run.log()).contains("savepoint given");
  }
}
