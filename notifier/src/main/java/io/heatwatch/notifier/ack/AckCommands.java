package io.heatwatch.notifier.ack;

import io.heatwatch.model.AlarmCommand;
import java.util.Optional;

/** Where acknowledgements from links go, and the memory of which links were used. */
public interface AckCommands {
  /** The use of the link with this nonce, if it has been used. */
  Optional<UsedAck> used(String nonce);

  /**
   * Sends the command to the job and records the nonce as used, both durably, before returning;
   * throws if either could not be written, so the caller answers "try again".
   */
  void acknowledge(String nonce, AlarmCommand command);
}
