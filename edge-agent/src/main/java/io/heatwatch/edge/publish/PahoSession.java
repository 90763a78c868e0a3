package io.heatwatch.edge.publish;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** What {@link MqttSession} hands Paho: its connect options, and how a PUBACK is read. */
final class PahoSession {
  private PahoSession() {}

  /** A persistent session (clean start off) with the retained {@code will} on {@code willTopic}. */
  static MqttConnectionOptions options(
      MqttSettings settings, String willTopic, byte[] will, int qos, long connectTimeoutS) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
    options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout((int) connectTimeoutS);
    if (settings.username() != null) {
      options.setUserName(settings.username());
    }
    if (settings.password() != null) {
      options.setPassword(new String(settings.password()).getBytes(StandardCharsets.UTF_8));
    }
    if (settings.tls() != null) {
      options.setSocketFactory(TlsSockets.socketFactory(settings.tls()));
    }
    options.setWill(willTopic, new MqttMessage(will, qos, true, null));
    return options;
  }

  /** Tells {@code delivery} how Paho completed the publish. */
  static MqttActionListener listener(Uplink.Delivery delivery) {
    return new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        delivery.acknowledged(failureReason(token));
      }

      @Override
      public void onFailure(IMqttToken token, Throwable failure) {
        delivery.failed(failure);
      }
    };
  }

  /**
   * The first reason code of 0x80 or more in a completed token, 0 when there is none. Paho 1.2.5
   * completes a QoS 1 publish successfully whatever the PUBACK's reason code, so a refusal (0x87
   * not authorized, 0x97 quota exceeded, 0x99 payload format invalid, …) is only seen here.
   */
  static int failureReason(IMqttToken token) {
    int[] codes = token.getReasonCodes();
    if (codes != null) {
      for (int code : codes) {
        if (code >= 0x80) {
          return code;
        }
      }
    }
    return 0;
  }
}
