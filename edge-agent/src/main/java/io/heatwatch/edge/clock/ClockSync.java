package io.heatwatch.edge.clock;

/**
 * Whether the system clock is synchronised (NTP): a Pi has no battery-backed clock, so after a boot
 * it runs on the time saved at shutdown (fake-hwclock) or 1970 until NTP steps it. Readings taken
 * before are marked, so the cloud does not measure durations across the step.
 */
public interface ClockSync {
  /** A clock taken as synchronised: for simulated devices, which run on the host's clock. */
  ClockSync ASSUMED = () -> true;

  /** {@code false} only when the system says its clock is not synchronised yet. */
  boolean synchronised();
}
