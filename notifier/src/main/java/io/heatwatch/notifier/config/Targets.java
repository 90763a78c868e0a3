package io.heatwatch.notifier.config;

import io.heatwatch.model.Notification;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Who hears an intent under a policy. */
public final class Targets {
  private Targets() {}

  /**
   * OPENED reaches level 1; ESCALATED n and a REMINDER reach level n (the last level if the policy
   * has fewer); ACKNOWLEDGED and CLEARED reach everyone told so far, levels 1..n, each target once.
   */
  public static List<Target> of(Policy policy, Notification intent) {
    return switch (intent.reason()) {
      case OPENED -> policy.level(1).targets();
      case ESCALATED, REMINDER -> policy.level(intent.level()).targets();
      case ACKNOWLEDGED, CLEARED -> upTo(policy, intent.level());
        // A channel test names its one target itself; no policy sends it.
      case TEST -> List.of();
    };
  }

  /** Everyone levels 1..level reach (the last level's, beyond it), each target once. */
  public static List<Target> upTo(Policy policy, int level) {
    Set<Target> told = new LinkedHashSet<>();
    for (int n = 1; n <= Math.min(level, policy.levels().size()); n++) {
      told.addAll(policy.level(n).targets());
    }
    return new ArrayList<>(told);
  }
}
