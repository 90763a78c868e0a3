package io.heatwatch.notifier.ack;

import io.heatwatch.model.Alarm;
import java.util.Optional;

/** What the acknowledgement page shows about an alarm and a recipient, given their ids. */
public interface AckDirectory {
  /** The latest known state of the alarm, if the notifier has seen it. */
  Optional<Alarm> alarm(String alarmId);

  /** The recipient's display name, if the recipient is configured. */
  Optional<String> recipientName(String recipientId);
}
