package io.heatwatch.model;

/** A payload or value that breaks the wire contract; names the offending field and value. */
public final class InvalidPayloadException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_VALUE_CHARS = 80;

  private final String field;
  private final String value;
  private final String problem;

  public InvalidPayloadException(String field, Object value, String problem) {
    super(message(field, problem, render(value)));
    this.field = field;
    this.value = render(value);
    this.problem = problem;
  }

  public InvalidPayloadException(String field, Object value, String problem, Throwable cause) {
    this(field, value, problem);
    initCause(cause);
  }

  private InvalidPayloadException(String path, InvalidPayloadException element) {
    super(message(path, element.problem, element.value), element);
    this.field = path;
    this.value = element.value;
    this.problem = element.problem;
  }

  /**
   * This rejection as one of batch element {@code index}: field {@code [index].field}, or {@code
   * [index]} when the element as a whole was rejected; the value is kept as it was rendered.
   */
  InvalidPayloadException inBatchElement(int index) {
    String element = "[" + index + "]";
    return new InvalidPayloadException("$".equals(field) ? element : element + "." + field, this);
  }

  /** The JSON field (or {@code $} for the whole payload) that was rejected. */
  public String field() {
    return field;
  }

  /** The rejected value, shortened for logs and dead-letter headers. */
  public String value() {
    return value;
  }

  private static String message(String field, String problem, String renderedValue) {
    return field + ": " + problem + " (got " + renderedValue + ")";
  }

  private static String render(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
    return text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "…" : text;
  }
}
