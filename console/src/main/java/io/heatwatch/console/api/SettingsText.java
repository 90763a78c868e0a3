package io.heatwatch.console.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.heatwatch.model.SealedSecret;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's check of a notifier settings section before it is written to Kafka: it must be
 * YAML, and no channel may hold a secret as a plain value. A password, token or signing secret is a
 * reference ({@code env:NAME}, {@code file:/path}) to the notifier's host or a value sealed for the
 * notifier ({@link SealedSecret}, "Seal a secret" on the page), so the secret itself is never in
 * the topic, the audit log or the console. Everything else is the notifier's to check: it reads the
 * sections as it reads its file and reports every problem.
 */
final class SettingsText {
  static final List<String> SECTIONS = List.of("channels", "recipients", "policies");

  /** The channel settings that hold a secret (notifier/README.md, "Channels"). */
  private static final Set<String> SECRET_FIELDS = Set.of("password", "token", "secret");

  private static final ObjectMapper YAML = new YAMLMapper();

  private SettingsText() {}

  /** Throws a 400 naming the section (and the channel's field) if it may not be saved. */
  static void check(String section, String text) {
    JsonNode tree;
    try {
      tree = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ApiException(400, section, section + ": not YAML: " + e.getOriginalMessage());
    }
    if (!"channels".equals(section) || tree == null || !tree.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> channel = it.next();
      for (String field : SECRET_FIELDS) {
        JsonNode v = channel.getValue().path(field);
        if (!v.isMissingNode() && !v.isNull() && !isReference(v)) {
          // Never echo the value: it is most likely the secret itself.
          String path = "channels." + channel.getKey() + "." + field;
          throw new ApiException(
              400,
              path,
              path
                  + ": a secret is saved sealed (Seal a secret) or as a reference to the"
                  + " notifier's host, env:NAME or file:/path, never as its value");
        }
      }
    }
  }

  private static boolean isReference(JsonNode v) {
    String t = v.isTextual() ? v.asText().strip() : "";
    return (t.startsWith("env:") && t.length() > 4)
        || (t.startsWith("file:") && t.length() > 5)
        || t.startsWith(SealedSecret.PREFIX);
  }
}
