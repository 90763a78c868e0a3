package io.heatwatch.notifier.channel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.heatwatch.model.Durations;
import java.io.IOException;
import java.time.Duration;

/** Binds a channel's duration settings in heatwatch's one syntax ({@code 10 s}, {@code 2 min}). */
final class DurationText extends JsonDeserializer<Duration> {
  @Override
  public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    String field = p.currentName() == null ? "duration" : p.currentName();
    try {
      return Durations.parse(field, p.getValueAsString());
    } catch (IllegalArgumentException e) {
      throw JsonMappingException.from(p, e.getMessage(), e);
    }
  }
}
