package io.heatwatch.notifier.deliver;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.model.Pipeline;
import io.heatwatch.notifier.config.NotifierConfig;
import io.heatwatch.notifier.config.Target;
import io.heatwatch.notifier.config.Targets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises NOTIFICATION_FAILED for a channel that has delivered nothing for {@code
 * channelFailedAfter} while messages wait for it, or that refused for good everything it was given
 * that long, tells it at once through every other channel of the targets it did not reach (no
 * escalation), and clears it, telling the same targets, when the channel delivers again. The alarm
 * goes to {@code heatwatch.alarms} too.
 */
final class ChannelWatch {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelWatch.class);

  private static final class Failure {
    private final Alarm alarm;
    private final Set<Target> told;
    private boolean announced;

    Failure(Alarm alarm, Set<Target> told, boolean announced) {
      this.alarm = alarm;
      this.told = told;
      this.announced = announced;
    }
  }

  private final NotifierConfig config;
  private final Deliveries deliveries;
  private final AlarmWriter alarms;
  private final Clock clock;
  private final Map<String, Failure> open = new ConcurrentHashMap<>();

  ChannelWatch(NotifierConfig config, Deliveries deliveries, AlarmWriter alarms, Clock clock) {
    this.config = config;
    this.deliveries = deliveries;
    this.alarms = alarms;
    this.clock = clock;
  }

  /** A failure the delivery log says was raised and not cleared before a restart. */
  void restore(String channelId, Alarm alarm, Set<Target> told) {
    open.put(channelId, new Failure(alarm, new LinkedHashSet<>(told), true));
  }

  /** The channels with an open NOTIFICATION_FAILED, and its alarm id. */
  Map<String, String> open() {
    Map<String, String> ids = new java.util.TreeMap<>();
    open.forEach((channel, f) -> ids.put(channel, f.alarm.alarmId()));
    return ids;
  }

  /** Checks every channel once; called every second or so. */
  void check() {
    Instant now = clock.instant();
    for (ChannelSender s : deliveries.senders().values()) {
      try {
        check(s, now);
      } catch (RuntimeException e) {
        LOG.warn(
            "channel {}: NOTIFICATION_FAILED not updated yet: {}", s.channelId(), e.getMessage());
      }
    }
    for (Map.Entry<String, Failure> gone : open.entrySet()) {
      // Raised before a restart for a channel since removed from the configuration: nothing
      // will clear it otherwise.
      if (!deliveries.senders().containsKey(gone.getKey())) {
        try {
          clear(gone.getKey(), gone.getValue(), now, "is no longer configured");
        } catch (RuntimeException e) {
          LOG.warn(
              "channel {}: NOTIFICATION_FAILED not cleared yet: {}", gone.getKey(), e.getMessage());
        }
      }
    }
  }

  private void check(ChannelSender sender, Instant now) {
    String channel = sender.channelId();
    Failure f = open.get(channel);
    if (f == null) {
      Instant since = failingSince(sender);
      if (since == null || now.isBefore(since.plus(config.channelFailedAfter()))) {
        return;
      }
      f = new Failure(raised(sender, since, now), targets(sender), false);
      open.put(channel, f);
    }
    if (!f.announced) {
      alarms.write(f.alarm);
      tell(f.alarm, Reason.OPENED, f.told, now);
      f.announced = true;
      LOG.warn(
          "channel {}: NOTIFICATION_FAILED {} raised, told {}", channel, f.alarm.alarmId(), f.told);
      return;
    }
    Instant success = sender.lastSuccess();
    if (success != null && success.isAfter(f.alarm.openedAt())) {
      clear(channel, f, now, "delivers again");
    }
  }

  private void clear(String channel, Failure f, Instant now, String why) {
    Alarm cleared =
        f.alarm.toBuilder()
            .version(f.alarm.version() + 1)
            .state(AlarmState.CLEARED)
            .updatedAt(now)
            .clearedAt(now)
            .message("channel " + channel + " " + why)
            .build();
    alarms.write(cleared);
    tell(cleared, Reason.CLEARED, f.told, now);
    open.remove(channel);
    LOG.info("channel {}: NOTIFICATION_FAILED {} cleared: {}", channel, cleared.alarmId(), why);
  }

  /**
   * Since when the channel has delivered nothing while messages waited for it, or refused for good
   * all it was given; null while it delivers.
   */
  private static Instant failingSince(ChannelSender sender) {
    Instant waiting = sender.pending() > 0 ? sender.waitingSince() : null;
    Instant refusing = sender.refusingSince();
    if (waiting == null || refusing == null) {
      return waiting == null ? refusing : waiting;
    }
    return waiting.isBefore(refusing) ? waiting : refusing;
  }

  private Alarm raised(ChannelSender sender, Instant since, Instant now) {
    String channel = sender.channelId();
    return Alarm.builder()
        .alarmId(Alarm.idFor(Pipeline.DEVICE_ID, channel, AlarmKind.NOTIFICATION_FAILED, now))
        .site(config.site())
        .deviceId(Pipeline.DEVICE_ID)
        .sensorId(channel)
        .kind(AlarmKind.NOTIFICATION_FAILED)
        .severity(Severity.CRITICAL)
        .openedAt(now)
        .updatedAt(now)
        .message(
            "channel "
                + channel
                + " has delivered nothing since "
                + since
                + "; "
                + sender.pending()
                + " notification(s) wait for it, "
                + sender.refused().size()
                + " refused")
        .build();
  }

  /** Every other channel of the targets the waiting notifications' policies reached so far. */
  private Set<Target> targets(ChannelSender sender) {
    Set<Target> targets = new LinkedHashSet<>();
    List<LogEntry> unreached = new ArrayList<>(sender.waiting());
    unreached.addAll(sender.refused());
    for (LogEntry e : unreached) {
      Alarm about = e.intent().alarm();
      if (about.kind() == AlarmKind.NOTIFICATION_FAILED) {
        continue;
      }
      config
          .policyFor(about)
          .ifPresent(
              p -> {
                for (Target t : Targets.upTo(p, e.intent().level())) {
                  if (!t.channel().equals(sender.channelId())) {
                    targets.add(t);
                  }
                }
              });
    }
    if (targets.isEmpty()) {
      LOG.error(
          "channel {}: failing, and the notifications it did not deliver have no other channel to"
              + " tell it",
          sender.channelId());
    }
    return targets;
  }

  private void tell(Alarm alarm, Reason reason, Set<Target> targets, Instant now) {
    Notification intent = Notification.about(alarm, reason, 1, 0, now);
    deliveries.claim(intent, new ArrayList<>(targets));
  }
}
