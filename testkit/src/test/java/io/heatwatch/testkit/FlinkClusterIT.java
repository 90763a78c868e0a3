package io.heatwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FlinkExtension.class)
class FlinkClusterIT {

  @Test
  void runsAJobOnTheClusterAndServesTheWebUi(FlinkCluster flink) throws Exception {
    StreamExecutionEnvironment env = flink.environment(2);
    List<Integer> doubled =
        env.fromData(1, 2, 3).map(new Doubler()).executeAndCollect("testkit-it", 3);
    assertThat(doubled).containsExactlyInAnyOrder(2, 4, 6);

    assertThat(flink.webUrl()).isEqualTo("http://127.0.0.1:" + flink.restPort());
    JsonHttp rest = new JsonHttp(flink.webUrl());
    JsonNode overview = rest.json("GET", "/overview", null);
    assertThat(overview.path("taskmanagers").asInt()).isEqualTo(FlinkExtension.TASK_MANAGERS);
    assertThat(overview.path("slots-total").asInt())
        .isEqualTo(FlinkExtension.TASK_MANAGERS * FlinkExtension.SLOTS_PER_TASK_MANAGER);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rest.json("GET", "/overview", null).path("jobs-finished").asInt() > 0);
    assertThat(rest.send("GET", "/", null).body()).contains("Apache Flink Web Dashboard");
    assertThat(flink.miniCluster().isRunning()).isTrue();
  }

  /** A named operator, as the style guide asks, rather than a lambda. */
  private static final class Doubler implements MapFunction<Integer, Integer> {
    @Override
    public Integer map(Integer value) {
      return value * 2;
    }
  }
}
