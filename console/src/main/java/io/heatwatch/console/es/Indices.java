package io.heatwatch.console.es;

/** The Elasticsearch indices the console reads, and the one it appends to. */
public final class Indices {
  /** Daily readings indices, written by the job. */
  public static final String READINGS = "heatwatch-readings-*";

  /** Daily 1-minute metrics indices, written by the job. */
  public static final String METRICS = "heatwatch-metrics-*";

  /** One document per alarm, upserted by the job. */
  public static final String ALARMS = "heatwatch-alarms";

  /** Latest status per device, upserted by the job. */
  public static final String DEVICES = "heatwatch-devices";

  /** Who acknowledged or changed what, appended by the console. */
  public static final String AUDIT = "heatwatch-audit";

  private Indices() {}
}
