package io.heatwatch.job.site;

import io.heatwatch.model.Alarm;

/**
 * What the job counts for one site: how many devices it knows and how many are offline, and its
 * open SITE_UNREACHABLE alarm. Each device's own state is in a map state next to it. A mutable
 * Flink POJO in keyed state; its name and field types stay, as checkpoints hold them.
 */
public class SiteState {
  /** Devices of the site seen so far. */
  public int known;

  /** Of those, offline now. */
  public int offline;

  /** The open SITE_UNREACHABLE alarm, or null. */
  public Alarm open;

  public SiteState() {}
}
