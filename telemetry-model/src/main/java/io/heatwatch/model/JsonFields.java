package io.heatwatch.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Typed access to one JSON object's fields, with errors that name the field and the value.
 *
 * <p>Rejected values are passed on as {@link JsonNode}s, so they appear as JSON ({@code "18234"}
 * for a string, {@code 18234.0} for a number) and are not quoted a second time.
 */
final class JsonFields {
  private final JsonNode node;

  JsonFields(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new InvalidPayloadException("$", node, "expected a JSON object (" + what + ")");
    }
    this.node = node;
  }

  int version() {
    JsonNode v = node.get("v");
    if (v == null || v.isNull()) {
      throw new InvalidPayloadException("v", null, "is required");
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new InvalidPayloadException("v", v, "expected an integer");
    }
    return v.intValue();
  }

  String text(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidPayloadException(field, value, "expected a string");
    }
    return value.textValue();
  }

  Long integer(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new InvalidPayloadException(field, value, "expected an integer");
    }
    return value.longValue();
  }

  long requiredInteger(String field) {
    return Check.notNull(field, integer(field));
  }

  /** A required integer that must fit an {@code int}. */
  int requiredInt(String field) {
    long value = requiredInteger(field);
    if (value != (int) value) {
      throw new InvalidPayloadException(field, value, "expected an integer of at most 32 bits");
    }
    return (int) value;
  }

  Boolean bool(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw new InvalidPayloadException(field, value, "expected true or false");
    }
    return value.booleanValue();
  }

  Double number(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new InvalidPayloadException(field, value, "expected a number");
    }
    return value.doubleValue();
  }

  Instant instant(String field) {
    String text = text(field);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidPayloadException(
          field, text, "expected an ISO-8601 UTC instant such as 2026-11-24T10:15:30.125Z", e);
    }
  }

  /** The object in {@code field}, {@code null} when absent or null. */
  JsonFields object(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new InvalidPayloadException(field, value, "expected an object");
    }
    return new JsonFields(value, field);
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type) {
    String text = text(field);
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new InvalidPayloadException(
          field, text, "expected one of " + java.util.Arrays.toString(type.getEnumConstants()), e);
    }
  }
}
