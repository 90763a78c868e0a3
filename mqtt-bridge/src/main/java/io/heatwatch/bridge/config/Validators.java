package io.heatwatch.bridge.config;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validators of the source connector's MQTT subscription settings. */
final class Validators {
  private Validators() {}

  /** A shared subscription group name is one topic level without wildcards. */
  static final class SharedGroup implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String group = (String) value;
      if (group != null && !group.isEmpty() && !group.matches("[^/+#]+")) {
        throw new ConfigException(name, group, "must not contain / + or #");
      }
    }

    @Override
    public String toString() {
      return "empty, or a name without / + #";
    }
  }

  /** Lists that must hold at least one entry. */
  static final class NonEmptyList implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value == null || ((List<?>) value).isEmpty()) {
        throw new ConfigException(name, value, "at least one entry is needed");
      }
    }

    @Override
    public String toString() {
      return "non-empty list";
    }
  }
}
