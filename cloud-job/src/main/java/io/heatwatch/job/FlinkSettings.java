package io.heatwatch.job;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;

/** The Flink settings the heatwatch job sets on its environment, from its {@link JobConfig}. */
final class FlinkSettings {
  /**
   * RocksDB's memtable size and count for the job's states. Flink runs RocksDB without a
   * write-ahead log, so every checkpoint flushes the memtable on the task thread and readings wait
   * behind it; smaller memtables, more of them, flush more often in the background and shorten that
   * stall (measurements: docs/benchmarks.md, "cloud-job latency"). Keys, not
   * RocksDBConfigurableOptions, so the job runs where that module is not on the class path (the
   * local stack's heap backend).
   */
  static final ConfigOption<MemorySize> ROCKSDB_WRITE_BUFFER_SIZE =
      ConfigOptions.key("state.backend.rocksdb.writebuffer.size").memoryType().noDefaultValue();

  static final ConfigOption<Integer> ROCKSDB_WRITE_BUFFER_COUNT =
      ConfigOptions.key("state.backend.rocksdb.writebuffer.count").intType().noDefaultValue();

  /** How many completed checkpoints the job keeps (and leaves behind when it stops). */
  static final int RETAINED_CHECKPOINTS = 3;

  /** Longest a partly filled network buffer waits before it is sent on. */
  static final Duration BUFFER_TIMEOUT = Duration.ofMillis(5);

  private FlinkSettings() {}

  /** The job's Flink settings: no Kryo fallback, state backend, restart strategy. */
  static Configuration of(JobConfig config) {
    Configuration settings = new Configuration();
    // Every record type must have a Flink serializer; a silent Kryo fallback fails at build time.
    settings.set(PipelineOptions.GENERIC_TYPES, false);
    // Every record type is an immutable Java record, so chained operators may share instances
    // instead of copying each one (a copy re-ran every field check of the record).
    settings.set(PipelineOptions.OBJECT_REUSE, true);
    // A record crosses network exchanges from reading to alarm; at the default 100 ms a partly
    // filled buffer waits up to 100 ms at each (docs/benchmarks.md, "cloud-job latency").
    settings.set(ExecutionOptions.BUFFER_TIMEOUT, BUFFER_TIMEOUT);
    settings.set(StateBackendOptions.STATE_BACKEND, config.stateBackend());
    // RocksDB uploads only the files new since the last checkpoint (no effect on the heap backend).
    settings.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    settings.set(ROCKSDB_WRITE_BUFFER_SIZE, MemorySize.ofMebiBytes(16));
    settings.set(ROCKSDB_WRITE_BUFFER_COUNT, 4);
    config
        .checkpointDir()
        .ifPresent(dir -> settings.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir));
    // A cancelled or failed job keeps its latest checkpoints, so a JobManager started again (no HA
    // in the compose stack) can resume from the newest rather than start with empty alarm state;
    // more than one in case the newest was cut short.
    settings.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    settings.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, RETAINED_CHECKPOINTS);
    restarts(settings, config.restarts());
    return settings;
  }

  /**
   * Exponential-delay restarts, without a limit unless the configuration sets one; a limit of 0 is
   * no restarts (Flink's exponential delay needs at least one attempt).
   */
  private static void restarts(Configuration settings, Restarts restarts) {
    if (restarts.attempts().orElse(1) == 0) {
      settings.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
      return;
    }
    settings.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
    settings.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
        restarts.initialDelay());
    settings.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, restarts.maxDelay());
    settings.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
    settings.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, restarts.jitter());
    settings.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
        restarts.resetAfter());
    settings.set(
        RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
        restarts.attempts().orElse(Integer.MAX_VALUE));
  }
}
