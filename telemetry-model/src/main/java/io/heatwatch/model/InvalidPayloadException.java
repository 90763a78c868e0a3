package io.heatwatch.model;

/** A payload or value that breaks the wire contract; names the offending field and value. */
public final class InvalidPayloadException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_VALUE_CHARS = 80;

  private final String field;
  private final String value;

  public InvalidPayloadException(String field, Object value, String problem) {
    super(field + ": " + problem + " (got " + render(value) + ")");
    this.field = field;
    this.value = render(value);
  }

  public InvalidPayloadException(String field, Object value, String problem, Throwable cause) {
    this(field, value, problem);
    initCause(cause);
  }

  /** The JSON field (or {@code $} for the whole payload) that was rejected. */
  public String field() {
    return field;
  }

  /** The rejected value, shortened for logs and dead-letter headers. */
  public String value() {
    return value;
  }

  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    return text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "…" : text;
  }
}
