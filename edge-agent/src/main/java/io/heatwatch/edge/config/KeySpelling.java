package io.heatwatch.edge.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * heatwatch's one key spelling in {@code agent.yaml}: lower case, words joined by {@code -} ({@code
 * device-id}, {@code sensors.read-timeout}). Files written before spelled keys in camel case
 * ({@code deviceId}); those keys are still read, under their new name, and named in one warning.
 */
final class KeySpelling {
  private static final Pattern UPPER = Pattern.compile("(?<=[a-z0-9])([A-Z])");

  private KeySpelling() {}

  /** {@code deviceId} as {@code device-id}; a key without capitals as it is. */
  static String dashed(String key) {
    return UPPER.matcher(key).replaceAll("-$1").toLowerCase(Locale.ROOT);
  }

  /**
   * Renames the camel-case keys of {@code tree} in place; returns one warning naming each old key
   * and its new spelling, or none when every key is spelled the new way.
   */
  static List<String> renameOldKeys(ObjectNode tree) {
    List<String> renamed = new ArrayList<>();
    rename(tree, "", renamed);
    if (renamed.isEmpty()) {
      return List.of();
    }
    return List.of(
        "keys in the old spelling, read under their new names (rename them): "
            + String.join(", ", renamed));
  }

  private static void rename(JsonNode node, String path, List<String> renamed) {
    if (node instanceof ObjectNode object) {
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      object.fields().forEachRemaining(fields::add);
      object.removeAll();
      for (Map.Entry<String, JsonNode> field : fields) {
        String old = field.getKey();
        String dashed = dashed(old);
        // Both spellings given: keep the old one, so the loader names it as unknown.
        boolean rename =
            !dashed.equals(old) && fields.stream().noneMatch(f -> f.getKey().equals(dashed));
        String key = rename ? dashed : old;
        if (rename) {
          renamed.add(path + old + " -> " + path + key);
        }
        object.set(key, field.getValue());
        rename(field.getValue(), path + key + ".", renamed);
      }
    } else if (node instanceof ArrayNode array) {
      String list = path.substring(0, path.length() - 1);
      for (int i = 0; i < array.size(); i++) {
        rename(array.get(i), list + "[" + i + "].", renamed);
      }
    }
  }
}
