package io.heatwatch.notifier.config;

import java.util.List;

/**
 * One escalation level of a policy: who hears an alarm when it reaches the level.
 *
 * @param targets the targets (the key {@code notify} in the file), at least one
 */
public record Level(List<Target> targets) {
  public Level {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("notify: must name at least one target");
    }
  }
}
