package io.heatwatch.model;

/** Versions of the wire contract. */
public final class Versions {
  /** The only version of the payloads this build writes and reads. */
  public static final int V1 = 1;

  private Versions() {}
}
