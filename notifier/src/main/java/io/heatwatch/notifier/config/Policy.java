package io.heatwatch.notifier.config;

import java.util.List;
import java.util.Objects;

/**
 * Who hears the alarms a policy matches, level by level: level n is {@code levels.get(n - 1)}; an
 * intent for a level beyond the last reaches the last.
 *
 * @param name the policy's name, for logs and the delivery log
 * @param match which alarms the policy is for
 * @param levels the escalation levels, at least one
 */
public record Policy(String name, Match match, List<Level> levels) {
  public Policy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(match, "match");
    levels = List.copyOf(levels);
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("levels: must have at least one level");
    }
  }

  /** Level n (1-based); a level beyond the policy's last is the last. */
  public Level level(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("level must be >= 1, got " + n);
    }
    return levels.get(Math.min(n, levels.size()) - 1);
  }
}
