package io.heatwatch.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** The task of {@link TickSourceConnector}: one record per poll, ten polls a second at most. */
public final class TickSourceTask extends SourceTask {
  private static final long PACE_MILLIS = 100;
  private String topic;
  private long next;

  @Override
  public void start(Map<String, String> props) {
    if (Boolean.parseBoolean(props.get(TickSourceConnector.FAIL_CONFIG))) {
      throw new ConnectException("tick task told to fail on start");
    }
    topic = props.get(TickSourceConnector.TOPIC_CONFIG);
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    // Connect calls poll in a tight loop; pacing here keeps the test worker from spinning.
    Thread.sleep(PACE_MILLIS);
    long n = next++;
    byte[] value = ("tick-" + n).getBytes(StandardCharsets.UTF_8);
    return List.of(
        new SourceRecord(
            Map.of("source", "tick"), Map.of("n", n), topic, null, Schema.BYTES_SCHEMA, value));
  }

  @Override
  public void stop() {}

  @Override
  public String version() {
    return "test";
  }
}
