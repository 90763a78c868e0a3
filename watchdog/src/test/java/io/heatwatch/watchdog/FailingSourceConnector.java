package io.heatwatch.watchdog;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** A source connector whose task fails its first {@link #FAILURES} polls, then idles. */
public final class FailingSourceConnector extends SourceConnector {
  /** How many more polls fail; each failure leaves the task FAILED until it is restarted. */
  static final AtomicInteger FAILURES = new AtomicInteger();

  @Override
  public void start(Map<String, String> props) {}

  @Override
  public Class<? extends Task> taskClass() {
    return FailingTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(Map.of());
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return new ConfigDef();
  }

  @Override
  public String version() {
    return "test";
  }

  /** The task. */
  public static final class FailingTask extends SourceTask {
    @Override
    public String version() {
      return "test";
    }

    @Override
    public void start(Map<String, String> props) {}

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
      if (FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new ConnectException("made to fail by the test");
      }
      Thread.sleep(100);
      return null;
    }

    @Override
    public void stop() {}
  }
}
