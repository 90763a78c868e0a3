package io.heatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.contrib.streaming.state.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

class HeatwatchJobTest {
  private static final JobConfig CONFIG =
      JobConfig.fromArgs(
          "--kafka.bootstrap.servers", "127.0.0.1:1",
          "--elasticsearch.hosts", "http://127.0.0.1:2",
          "--checkpoint.interval", "5 s",
          "--parallelism", "3");

  @Test
  void givesEveryOperatorAStableUidAndAName() {
    Collection<StreamNode> nodes = productionGraph().getStreamNodes();

    assertThat(nodes).allSatisfy(node -> assertThat(node.getTransformationUID()).isNotBlank());
    assertThat(nodes)
        .extracting(StreamNode::getOperatorName)
        .anySatisfy(name -> assertThat(name).contains("readings source"))
        .anySatisfy(name -> assertThat(name).contains("legacy readings source"))
        .anySatisfy(name -> assertThat(name).contains("split invalid records"))
        .anySatisfy(name -> assertThat(name).contains("per sensor: dedupe, metrics, detectors"))
        .anySatisfy(name -> assertThat(name).contains("device offline detector"))
        .anySatisfy(name -> assertThat(name).contains("sensor configs"))
        .anySatisfy(name -> assertThat(name).contains("alarm events sink"))
        .anySatisfy(name -> assertThat(name).contains("devices sink"))
        .anySatisfy(name -> assertThat(name).contains("readings sink"))
        .anySatisfy(name -> assertThat(name).contains("metrics sink"))
        .anySatisfy(name -> assertThat(name).contains("alarms sink"))
        .anySatisfy(name -> assertThat(name).contains("invalid records sink"))
        .anySatisfy(name -> assertThat(name).contains("split off the canary"))
        .anySatisfy(name -> assertThat(name).contains("canary sink"))
        .anySatisfy(name -> assertThat(name).contains("deliveries sink"));
  }

  @Test
  void checkpointsAtTheConfiguredIntervalWithTheConfiguredParallelism() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    HeatwatchJob.build(env, CONFIG, Sources.kafka(CONFIG), Sinks.production(CONFIG));

    assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isTrue();
    assertThat(env.getCheckpointInterval()).isEqualTo(5_000);
    assertThat(env.getParallelism()).isEqualTo(3);
  }

  @Test
  void givesRocksDbSmallerMemtablesSoACheckpointFlushesLess() {
    Configuration settings = FlinkSettings.of(CONFIG);

    // the keys RocksDB's own options have, so RocksDB reads them
    assertThat(settings.toMap())
        .containsEntry(RocksDBConfigurableOptions.WRITE_BUFFER_SIZE.key(), "16 mb")
        .containsEntry(RocksDBConfigurableOptions.MAX_WRITE_BUFFER_NUMBER.key(), "4");
    assertThat(settings.get(RocksDBConfigurableOptions.WRITE_BUFFER_SIZE))
        .isEqualTo(MemorySize.ofMebiBytes(16));
    assertThat(settings.get(RocksDBConfigurableOptions.MAX_WRITE_BUFFER_NUMBER)).isEqualTo(4);
  }

  @Test
  void keepsItsCheckpointsWhenStoppedSoAJobManagerRestartCanResumeFromThem() {
    Configuration settings = FlinkSettings.of(CONFIG);

    assertThat(settings.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
        .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    assertThat(settings.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS)).isEqualTo(3);
    assertThat(settings.get(RestartStrategyOptions.RESTART_STRATEGY))
        .isEqualTo("exponential-delay");
    assertThat(settings.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(
            settings.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
        .isEqualTo(Duration.ofMinutes(1));
  }

  private static StreamGraph productionGraph() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    HeatwatchJob.build(env, CONFIG, Sources.kafka(CONFIG), Sinks.production(CONFIG));
    return env.getStreamGraph();
  }
}
