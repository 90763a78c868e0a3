package io.heatwatch.edge.outbox;

/** The outbox could not store or read: a full or failing disk, a corrupt database. */
public final class OutboxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OutboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
