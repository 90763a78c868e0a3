package io.heatwatch.notifier.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Fills an SMS provider's JSON body template with the JSON-escaped number and text. */
final class SmsBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SmsBody() {}

  /** Throws naming {@code field} unless the template holds {text} and fills to valid JSON. */
  static void check(String field, String template) {
    if (!template.contains("{text}")) {
      throw new IllegalArgumentException(field + " must contain {text}, got " + template);
    }
    try {
      JSON.readTree(fill(template, "+10000000000", "text"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          field + " must be JSON once {to} and {text} are filled in, got " + template);
    }
  }

  static String fill(String template, String to, String text) {
    return template.replace("{to}", escape(to == null ? "" : to)).replace("{text}", escape(text));
  }

  private static String escape(String s) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(s));
  }
}
