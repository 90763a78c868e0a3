package io.heatwatch.notifier;

import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.notifier.ack.AckLinks;
import io.heatwatch.notifier.channel.ChannelSettings;
import io.heatwatch.notifier.channel.EmailSettings;
import io.heatwatch.notifier.channel.Message;
import io.heatwatch.notifier.channel.SmsSettings;
import io.heatwatch.notifier.config.NotifierConfig;
import io.heatwatch.notifier.config.Recipient;
import io.heatwatch.notifier.deliver.LogEntry;
import java.util.List;
import java.util.function.Function;

/**
 * Makes the message of a notification: the recipient's name and address for the channel's kind, and
 * an acknowledgement link while there is something to acknowledge.
 */
final class Messages implements Function<List<LogEntry>, Message> {
  private final NotifierConfig config;
  private final AckLinks links;

  /** {@code links} null: messages carry no acknowledgement link. */
  Messages(NotifierConfig config, AckLinks links) {
    this.config = config;
    this.links = links;
  }

  /**
   * The message for notifications to one target: one, or a group (a site's alarms in one window, a
   * digest after quiet hours), with the first one's id; a link only for a single open alarm.
   */
  @Override
  public Message apply(List<LogEntry> entries) {
    LogEntry e = entries.get(0);
    String recipientId = e.target().recipient();
    Recipient r = null;
    if (recipientId != null) {
      r = config.recipients().get(recipientId);
      if (r == null) {
        throw new IllegalStateException("recipient " + recipientId + " no longer configured");
      }
    }
    ChannelSettings channel = config.channels().get(e.target().channel());
    Reason reason = e.intent().reason();
    // The notifier's own alarm is not the job's to acknowledge: a link would send a command the
    // job cannot apply.
    boolean open =
        reason != Reason.ACKNOWLEDGED
            && reason != Reason.CLEARED
            && reason != Reason.TEST
            && e.intent().alarm().kind() != AlarmKind.NOTIFICATION_FAILED;
    String ackUrl =
        links != null && r != null && open && entries.size() == 1
            ? links.link(e.intent().alarmId(), r.id())
            : null;
    List<Notification> about = entries.stream().map(LogEntry::intent).toList();
    return new Message(e.id(), r == null ? null : r.name(), address(channel, r), about, ackUrl);
  }

  private static String address(ChannelSettings channel, Recipient r) {
    if (r == null) {
      return null;
    }
    if (channel instanceof EmailSettings) {
      return r.email();
    }
    return channel instanceof SmsSettings ? r.phone() : null;
  }
}
