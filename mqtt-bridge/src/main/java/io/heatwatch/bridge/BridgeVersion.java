package io.heatwatch.bridge;

/** The connector version reported to Connect. */
public final class BridgeVersion {
  /** From the jar manifest; {@code dev} when run from classes. */
  public static final String VERSION =
      BridgeVersion.class.getPackage().getImplementationVersion() == null
          ? "dev"
          : BridgeVersion.class.getPackage().getImplementationVersion();

  private BridgeVersion() {}
}
