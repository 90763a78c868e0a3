package io.heatwatch.edge.publish;

/** The uplink did not take a message (not connected, its window full): try again later. */
public final class UplinkException extends Exception {
  public UplinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
