package io.heatwatch.notifier.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.heatwatch.model.NotifierSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The three sections of the configuration the console can edit ({@code channels}, {@code
 * recipients}, {@code policies}) as the YAML text in effect, with where they came from: the file
 * (version 0) or a {@link NotifierSettings} saved in the console. It keeps the file's tree, so a
 * new edit is checked against the file it replaces sections of, as the file itself is.
 *
 * @param version 0 for the file's sections, else the console edit's version
 * @param channels the {@code channels} section, YAML
 * @param recipients the {@code recipients} section, YAML
 * @param policies the {@code policies} section, YAML
 * @param by who saved the edit, or null for the file's
 * @param at when the edit was saved, or null for the file's
 */
public record Sections(
    long version, String channels, String recipients, String policies, String by, Instant at) {
  /** The names of the sections, as in the file. */
  public static final List<String> NAMES = List.of("channels", "recipients", "policies");

  // Text that reads as a number ("+34600000001", "1.5") stays quoted, or it would come back as one.
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .build();

  /** The file's sections, written back as YAML (its comments are not kept). */
  static Sections ofFile(JsonNode root) {
    return new Sections(
        0,
        yaml(root.get("channels")),
        yaml(root.get("recipients")),
        yaml(root.get("policies")),
        null,
        null);
  }

  /** A console edit's sections. */
  static Sections of(NotifierSettings s) {
    return new Sections(s.version(), s.channels(), s.recipients(), s.policies(), s.by(), s.at());
  }

  /** The text of the section named {@code name}. */
  public String text(String name) {
    return switch (name) {
      case "channels" -> channels;
      case "recipients" -> recipients;
      case "policies" -> policies;
      default -> throw new IllegalArgumentException("no section " + name);
    };
  }

  /**
   * The file's tree with these sections in place of its own; a section that is not YAML is a
   * problem named after it. An empty section is absent.
   */
  ObjectNode over(ObjectNode file, List<String> problems) {
    ObjectNode root = file.deepCopy();
    for (String name : NAMES) {
      root.remove(name);
      try {
        JsonNode section = YAML.readTree(text(name));
        if (section != null && !section.isNull() && !section.isMissingNode()) {
          root.set(name, section);
        }
      } catch (JsonProcessingException e) {
        problems.add(name + ": not YAML: " + e.getOriginalMessage());
      }
    }
    return root;
  }

  private static String yaml(JsonNode section) {
    if (section == null || section.isNull()) {
      return "";
    }
    try {
      return YAML.writeValueAsString(section);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a section read from YAML", e);
    }
  }

  /**
   * How a configuration was read, kept so a console edit can be checked against the same file and
   * environment: the file's tree and its {@code env:} lookup.
   */
  public record Origin(ObjectNode file, Function<String, String> env) {
    NotifierConfig with(NotifierSettings edit) {
      Sections sections = of(edit);
      List<String> problems = new ArrayList<>();
      ObjectNode root = sections.over(file, problems);
      if (!problems.isEmpty()) {
        throw new ConfigException("settings version " + edit.version(), problems);
      }
      return new ConfigReader("settings version " + edit.version(), env).read(root, this, sections);
    }
  }
}
