package io.heatwatch.console.api;

/** A request the API refuses: the HTTP status, and the field and reason the caller gets back. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;

  public ApiException(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  /** 400 naming the field and its bad value. */
  public static ApiException badField(String field, Object value, String why) {
    return new ApiException(400, field, field + " " + value + ": " + why);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }
}
