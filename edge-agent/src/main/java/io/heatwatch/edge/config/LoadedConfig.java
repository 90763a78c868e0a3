package io.heatwatch.edge.config;

import java.util.List;

/**
 * A configuration as read, with what the file said in a form that is still read but should change.
 *
 * @param config the configuration
 * @param warnings one line each; the agent starts anyway
 */
public record LoadedConfig(AgentConfig config, List<String> warnings) {
  public LoadedConfig {
    warnings = List.copyOf(warnings);
  }
}
