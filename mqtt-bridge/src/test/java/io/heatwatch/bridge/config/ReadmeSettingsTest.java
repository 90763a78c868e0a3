package io.heatwatch.bridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

/**
 * The README's settings tables are the connectors' ConfigDefs (as spooldir's DocumentationTest
 * keeps its docs): every key once, none that is not defined, each with its default.
 */
class ReadmeSettingsTest {
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\| ([^|]+?) \\|");

  @Test
  void theSourceTableIsTheSourceConfigDef() throws Exception {
    assertThat(table("## Configuration (source)"))
        .isEqualTo(defaults(MqttSourceConnectorConfig.CONFIG_DEF));
  }

  @Test
  void theSinkTableIsTheSinkConfigDef() throws Exception {
    assertThat(table("## Configuration (sink)"))
        .isEqualTo(defaults(MqttSinkConnectorConfig.CONFIG_DEF));
  }

  private static Map<String, String> table(String heading) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf(heading);
    assertThat(start).as(heading + " in README.md").isNotNegative();
    int end = readme.indexOf("\n## ", start + heading.length());
    Matcher row = ROW.matcher(readme.substring(start, end < 0 ? readme.length() : end));
    Map<String, String> rows = new TreeMap<>();
    while (row.find()) {
      assertThat(rows.put(row.group(1), row.group(2))).as(row.group(1) + " twice").isNull();
    }
    return rows;
  }

  private static Map<String, String> defaults(ConfigDef def) {
    Map<String, String> defaults = new TreeMap<>();
    def.configKeys().forEach((name, key) -> defaults.put(name, shown(key)));
    return defaults;
  }

  /** A default as the tables write it: "—" for none, "empty" for an empty one, else in code. */
  private static String shown(ConfigDef.ConfigKey key) {
    if (!key.hasDefault()) {
      return "—";
    }
    Object value = key.defaultValue;
    String text =
        value instanceof List<?> list
            ? String.join(",", list.stream().map(String::valueOf).toList())
            : value instanceof Password password ? password.value() : String.valueOf(value);
    return text.isEmpty() ? "empty" : "`" + text + "`";
  }
}
