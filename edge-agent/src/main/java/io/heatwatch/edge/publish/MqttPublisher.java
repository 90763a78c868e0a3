package io.heatwatch.edge.publish;

import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MqttDefaultFilePersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes one device's readings and status over MQTT v5 with QoS 1 on a persistent session, with
 * a retained birth message and a retained Last Will.
 */
public final class MqttPublisher implements AutoCloseable {
  private static final int QOS = 1;
  private static final long WINDOW_RETRY_NANOS = 1_000_000;

  private final MqttSettings settings;
  private final String site;
  private final String deviceId;
  private final MqttAsyncClient client;

  /**
   * @param settings broker and credentials
   * @param site the device's site
   * @param deviceId the device id, also the MQTT client id
   * @param stateDir where the client keeps in-flight messages across restarts
   */
  public MqttPublisher(MqttSettings settings, String site, String deviceId, Path stateDir) {
    this.settings = settings;
    this.site = site;
    this.deviceId = deviceId;
    try {
      this.client =
          new MqttAsyncClient(
              settings.serverUri(),
              "heatwatch-" + deviceId,
              new MqttDefaultFilePersistence(stateDir.toString()));
    } catch (MqttException e) {
      throw new IllegalStateException("cannot create MQTT client for " + deviceId, e);
    }
  }

  /** Connects (waiting for CONNACK) and publishes the retained birth message {@code status}. */
  public void connect(DeviceStatus birth, DeviceStatus lastWill) throws MqttException {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
    options.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 60);
    options.setConnectionTimeout(10);
    if (settings.username() != null) {
      options.setUserName(settings.username());
    }
    if (settings.password() != null) {
      options.setPassword(
          new String(settings.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    MqttMessage will = new MqttMessage(TelemetryCodec.encode(lastWill), QOS, true, null);
    options.setWill(topic(Channel.STATUS), will);
    client.connect(options).waitForCompletion(settings.ackTimeout().toMillis());
    publishStatus(birth);
  }

  /** Publishes a reading and waits for its PUBACK. */
  public void publish(Reading reading) throws MqttException {
    send(Channel.READINGS, TelemetryCodec.encode(reading));
  }

  /** Publishes a retained status message and waits for its PUBACK. */
  public void publishStatus(DeviceStatus status) throws MqttException {
    send(Channel.STATUS, TelemetryCodec.encode(status));
  }

  /** Whether the client is connected right now. */
  public boolean isConnected() {
    return client.isConnected();
  }

  private void send(Channel channel, byte[] payload) throws MqttException {
    IMqttToken token = publishWhenWindowOpen(topic(channel), payload, channel.retained());
    token.waitForCompletion(settings.ackTimeout().toMillis());
  }

  /**
   * Paho counts a message as in flight for a moment after its token completed, so a publish right
   * after a PUBACK can be refused as "too many publishes in progress"; wait for the window briefly.
   */
  private IMqttToken publishWhenWindowOpen(String topic, byte[] payload, boolean retained)
      throws MqttException {
    long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
    while (true) {
      try {
        return client.publish(topic, payload, QOS, retained);
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT
            || System.nanoTime() > deadline) {
          throw e;
        }
        LockSupport.parkNanos(WINDOW_RETRY_NANOS);
      }
    }
  }

  private String topic(Channel channel) {
    return MqttTopics.topic(site, deviceId, channel);
  }

  /** Publishes {@code goodbye} (retained), then disconnects and releases the client. */
  public void close(DeviceStatus goodbye) {
    try {
      if (client.isConnected()) {
        publishStatus(goodbye);
        client.disconnect(settings.ackTimeout().toMillis()).waitForCompletion();
      }
    } catch (MqttException e) {
      throw new IllegalStateException("clean disconnect of " + deviceId + " failed", e);
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    try {
      client.close(true);
    } catch (MqttException e) {
      throw new IllegalStateException("cannot close MQTT client of " + deviceId, e);
    }
  }
}
