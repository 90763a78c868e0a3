package io.heatwatch.testkit;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that injects one {@link FlinkCluster} (one task manager, four slots) shared by
 * every test in the JVM.
 */
public final class FlinkExtension extends ServerExtension<FlinkCluster> {
  static final int TASK_MANAGERS = 1;
  static final int SLOTS_PER_TASK_MANAGER = 4;

  public FlinkExtension() {
    super(FlinkCluster.class, "flink");
  }

  @Override
  FlinkCluster start(Path dataDir, ExtensionContext context) {
    return FlinkCluster.start(0, TASK_MANAGERS, SLOTS_PER_TASK_MANAGER);
  }
}
