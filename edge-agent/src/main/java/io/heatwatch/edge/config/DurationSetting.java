package io.heatwatch.edge.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.DurationDeserializer;
import io.heatwatch.model.Durations;
import java.io.IOException;
import java.time.Duration;

/**
 * Reads a duration setting in heatwatch's one syntax ({@code 500 ms}, {@code 5 s}, {@code 5 min},
 * {@code 12 h}, {@code 7 d}) through {@link Durations}, which still reads the ISO-8601 ({@code
 * PT5S}) of files written before. A bare number is seconds, as it was.
 */
final class DurationSetting extends StdScalarDeserializer<Duration> {
  private static final long serialVersionUID = 1L;

  DurationSetting() {
    super(Duration.class);
  }

  @Override
  public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (!p.hasToken(JsonToken.VALUE_STRING)) {
      return DurationDeserializer.INSTANCE.deserialize(p, ctxt);
    }
    try {
      return Durations.parse(key(p.getParsingContext()), p.getText());
    } catch (IllegalArgumentException e) {
      throw JsonMappingException.from(p, e.getMessage(), e);
    }
  }

  /** The setting's dotted key, as the loader names it in problems: {@code sensors.read-timeout}. */
  static String key(JsonStreamContext context) {
    StringBuilder key = new StringBuilder();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      String part =
          c.inArray()
              ? "[" + c.getCurrentIndex() + "]"
              : c.getCurrentName() == null ? "" : "." + c.getCurrentName();
      key.insert(0, part);
    }
    return key.length() > 0 && key.charAt(0) == '.' ? key.substring(1) : key.toString();
  }
}
