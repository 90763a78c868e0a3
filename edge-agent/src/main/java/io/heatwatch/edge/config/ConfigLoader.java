package io.heatwatch.edge.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code agent.yaml}, applies {@code HEATWATCH_*} environment overrides, and validates; every
 * problem becomes one line of a {@link ConfigException}.
 */
public final class ConfigLoader {
  /** Environment variables that override keys of the file (e.g. set by a first-boot script). */
  static final Map<String, String> ENV_OVERRIDES =
      Map.of(
          "HEATWATCH_SITE", "site",
          "HEATWATCH_DEVICE_ID", "device-id",
          "HEATWATCH_MQTT_URI", "mqtt.uri",
          "HEATWATCH_MQTT_USERNAME", "mqtt.username",
          "HEATWATCH_MQTT_PASSWORD_FILE", "mqtt.password-file");

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .registerModule(new JavaTimeModule())
          .registerModule(new SimpleModule().addDeserializer(Duration.class, new DurationSetting()))
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigLoader() {}

  /** Loads and validates {@code file} with {@code env} overrides. */
  public static AgentConfig load(Path file, Map<String, String> env) {
    return read(file, env).config();
  }

  /**
   * Loads and validates {@code file} with {@code env} overrides; the warnings name what is read but
   * should change (keys in the old spelling).
   */
  public static LoadedConfig read(Path file, Map<String, String> env) {
    ObjectNode tree;
    try {
      var node = YAML.readTree(Files.readString(file));
      if (node == null || node.isMissingNode() || node.isNull()) {
        tree = YAML.createObjectNode();
      } else if (node instanceof ObjectNode object) {
        tree = object;
      } else {
        throw new ConfigException(file, List.of("the file must hold a YAML mapping of keys"));
      }
    } catch (NoSuchFileException e) {
      throw new ConfigException(file, List.of("no such file"));
    } catch (IOException e) {
      throw new ConfigException(file, List.of("not valid YAML: " + firstLine(e.getMessage())));
    }
    List<String> warnings = KeySpelling.renameOldKeys(tree);
    ENV_OVERRIDES.forEach(
        (variable, key) -> {
          String value = env.get(variable);
          if (value != null && !value.isBlank()) {
            set(tree, key, value);
          }
        });
    AgentConfig config;
    try {
      config = YAML.treeToValue(tree, AgentConfig.class);
    } catch (JsonMappingException e) {
      String path =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      String message = firstLine(e.getOriginalMessage());
      // A duration's message names its key already.
      throw new ConfigException(
          file, List.of(message.startsWith(path + ": ") ? message : path + ": " + message));
    } catch (IOException e) {
      throw new ConfigException(file, List.of(firstLine(e.getMessage())));
    }
    List<String> problems = config.problems();
    if (!problems.isEmpty()) {
      throw new ConfigException(file, problems);
    }
    return new LoadedConfig(config, warnings);
  }

  private static void set(ObjectNode tree, String dottedKey, String value) {
    String[] parts = dottedKey.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node =
          node.has(parts[i]) && node.get(parts[i]).isObject()
              ? (ObjectNode) node.get(parts[i])
              : node.putObject(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
