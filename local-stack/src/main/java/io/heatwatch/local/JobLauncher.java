package io.heatwatch.local;

import io.heatwatch.job.HeatwatchJob;
import io.heatwatch.job.JobConfig;
import io.heatwatch.job.JobOptions;
import io.heatwatch.testkit.FlinkCluster;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;

/**
 * Submits the heatwatch job to the local stack's MiniCluster, wired to its Kafka and Elasticsearch.
 */
final class JobLauncher {
  /** The job's name in the local stack; the watchdog finds the job by it. */
  static final String JOB_NAME = "heatwatch (local stack)";

  private JobLauncher() {}

  static JobClient submit(FlinkCluster flink, String kafkaBootstrapServers, String elasticsearchUrl)
      throws Exception {
    JobConfig config =
        JobConfig.fromMap(
            Map.of(
                JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafkaBootstrapServers,
                JobOptions.ELASTICSEARCH_HOSTS.key(), elasticsearchUrl,
                JobOptions.JOB_NAME.key(), JOB_NAME));
    return HeatwatchJob.start(flink.environment(1), config);
  }
}
