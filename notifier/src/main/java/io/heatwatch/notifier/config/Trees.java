package io.heatwatch.notifier.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Reads values from the YAML tree, recording a problem with its path and returning null. */
final class Trees {
  private Trees() {}

  static String at(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String text(List<String> problems, JsonNode parent, String path, String key) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      problems.add(at(path, key) + ": missing");
      return null;
    }
    if (!n.isValueNode() || n.asText().isBlank()) {
      problems.add(at(path, key) + ": must be a non-empty value, got " + n);
      return null;
    }
    return n.asText().trim();
  }

  static void keys(List<String> problems, JsonNode node, String path, Set<String> allowed) {
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!allowed.contains(k)) {
                problems.add(
                    at(path, k)
                        + ": unknown key (known: "
                        + String.join(", ", sorted(allowed))
                        + ")");
              }
            });
  }

  /** A list of values, each mapped by {@code f}, which throws IllegalArgumentException if bad. */
  static <T> Set<T> set(
      List<String> problems, JsonNode parent, String path, String key, Function<String, T> f) {
    Set<T> values = new LinkedHashSet<>();
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return values;
    }
    if (!n.isArray()) {
      problems.add(at(path, key) + ": must be a list");
      return values;
    }
    for (int i = 0; i < n.size(); i++) {
      String item = n.get(i).asText();
      try {
        values.add(f.apply(item));
      } catch (IllegalArgumentException e) {
        problems.add(at(path, key) + "[" + i + "]: " + e.getMessage());
      }
    }
    return values;
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }
}
