package io.heatwatch.bridge.mqtt;

import java.util.Set;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Tells connection failures that retrying cannot fix from those a retry may. */
final class MqttConnectFailures {
  /** CONNACK reason codes: client id invalid, bad user name or password, not authorized, banned. */
  private static final Set<Integer> PERMANENT = Set.of(0x85, 0x86, 0x87, 0x8A, 0x8C);

  private MqttConnectFailures() {}

  static boolean permanent(MqttException e) {
    return PERMANENT.contains(e.getReasonCode());
  }
}
