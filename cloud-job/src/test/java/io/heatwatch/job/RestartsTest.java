package io.heatwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.restartstrategy.RestartStrategies;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.executiongraph.failover.RestartBackoffTimeStrategy;
import org.apache.flink.runtime.executiongraph.failover.RestartBackoffTimeStrategyFactoryLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every value {@code restart.attempts} accepts gives a restart strategy the JobMaster can build: a
 * value it could not build failed the job's start, not the configuration.
 */
class RestartsTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "1", "10"})
  void theJobMasterCanBuildTheRestartStrategyOfEveryAcceptedAttemptsValue(String attempts) {
    RestartBackoffTimeStrategy strategy = strategy(attempts);
    strategy.notifyFailure(new RuntimeException("a task failed"));

    assertThat(strategy.canRestart()).isEqualTo(!attempts.equals("0"));
  }

  private static RestartBackoffTimeStrategy strategy(String attempts) {
    JobConfig config =
        JobConfig.fromArgs(
            "--kafka.bootstrap.servers", "127.0.0.1:1",
            "--elasticsearch.hosts", "http://127.0.0.1:2",
            "--restart.attempts", attempts);
    Configuration settings = FlinkSettings.of(config);
    return RestartBackoffTimeStrategyFactoryLoader.createRestartBackoffTimeStrategyFactory(
            RestartStrategies.fallBackRestart(), settings, settings, true)
        .create();
  }
}
