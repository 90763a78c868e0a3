package io.heatwatch.job.site;

import java.io.Serializable;

/**
 * When a site counts as unreachable: at least {@code fraction} of its known devices offline, and at
 * least {@code minDevices} of them; it is reachable again when fewer than half its devices are.
 *
 * @param fraction the share of the site's known devices offline that makes it unreachable, (0, 1]
 * @param minDevices the fewest offline devices that do: a site of one or two devices is never
 *     called unreachable, its DEVICE_OFFLINE alarms say it all
 */
public record SiteOutageRule(double fraction, int minDevices) implements Serializable {
  public static final SiteOutageRule DEFAULTS = new SiteOutageRule(0.8, 3);

  public SiteOutageRule {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
    }
    if (minDevices < 2) {
      throw new IllegalArgumentException("minDevices must be >= 2, got " + minDevices);
    }
  }
}
