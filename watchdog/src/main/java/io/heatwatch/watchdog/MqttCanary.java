package io.heatwatch.watchdog;

import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the canary through the broker, QoS 1, as device {@link Pipeline#CANARY_DEVICE_ID} on
 * its own readings topic, and follows it through the broker: a canary passed the broker when its
 * PUBACK came back without an error reason code and the watchdog's own subscription received it.
 *
 * <p>The canary's seq is the epoch millisecond it was published at: strictly increasing across
 * watchdog restarts (the job drops a seq it has already seen) and its own publish time, so every
 * stage reports only the highest seq it saw.
 *
 * <p>Mosquitto publishes its queue fill under {@code $SYS}; the canary subscribes to it too (HiveMQ
 * CE publishes nothing there, and the fill stays unknown).
 */
final class MqttCanary implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttCanary.class);
  static final String TOPIC =
      MqttTopics.topic(Pipeline.SITE, Pipeline.CANARY_DEVICE_ID, Channel.READINGS);
  static final String SYS_BYTES = "$SYS/broker/store/messages/bytes";
  static final String SYS_COUNT = "$SYS/broker/store/messages/count";

  private final MqttAsyncClient client;
  private final MqttConnectionOptions options;
  private final Clock clock;
  private final ThrottledLog notReadings;
  private final AtomicLong acked = new AtomicLong(-1);
  private final AtomicLong received = new AtomicLong(-1);
  private final AtomicLong queueBytes = new AtomicLong(-1);
  private final AtomicLong queueCount = new AtomicLong(-1);
  private volatile String lastError = "not connected yet";
  private volatile boolean connecting;
  private long lastSeq;

  MqttCanary(String serverUri, String username, Optional<String> password, Clock clock)
      throws MqttException {
    this.clock = clock;
    this.notReadings =
        new ThrottledLog(LOG, "a message on the canary topic is not a reading", clock);
    this.client =
        new MqttAsyncClient(
            serverUri, Pipeline.CANARY_DEVICE_ID + "-watchdog", new MemoryPersistence());
    this.options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(5);
    options.setKeepAliveInterval(30);
    options.setUserName(username);
    password.ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
    client.setCallback(new Callback());
  }

  /** Publishes the next canary (connecting first when needed); returns its seq. */
  synchronized long publish() {
    long seq = Math.max(clock.millis(), lastSeq + 1);
    lastSeq = seq;
    if (!client.isConnected()) {
      connect();
      return seq;
    }
    Reading canary =
        Reading.ok(
            Pipeline.SITE,
            Pipeline.CANARY_DEVICE_ID,
            Pipeline.CANARY_SENSOR_ID,
            seq,
            Instant.ofEpochMilli(seq),
            0.0);
    try {
      client.publish(
          TOPIC,
          TelemetryCodec.encode(canary),
          1,
          false,
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              int[] codes = token.getReasonCodes();
              if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                lastError =
                    "PUBACK refused the canary, reason code 0x" + Integer.toHexString(codes[0]);
              } else {
                acked.accumulateAndGet(seq, Math::max);
              }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              lastError = "publish failed: " + e;
            }
          });
    } catch (MqttException e) {
      lastError = "publish failed: " + e;
    }
    return seq;
  }

  private void connect() {
    if (connecting) {
      return;
    }
    connecting = true;
    try {
      client.connect(
          options,
          null,
          new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              connecting = false;
              subscribe();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              connecting = false;
              lastError = "cannot connect: " + e;
            }
          });
    } catch (MqttException e) {
      connecting = false;
      lastError = "cannot connect: " + e;
    }
  }

  private void subscribe() {
    MqttSubscription[] subs = {
      new MqttSubscription(TOPIC, 1),
      new MqttSubscription(SYS_BYTES, 0),
      new MqttSubscription(SYS_COUNT, 0)
    };
    try {
      client.subscribe(subs, null, null, new MqttProperties());
    } catch (MqttException e) {
      lastError = "cannot subscribe: " + e;
    }
  }

  /** The publish time of the freshest canary the broker both acknowledged and delivered back. */
  Optional<Instant> passed() {
    long seq = Math.min(acked.get(), received.get());
    return seq < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(seq));
  }

  /** Why the broker is down, empty while connected. */
  Optional<String> down() {
    return client.isConnected() ? Optional.empty() : Optional.of("MQTT broker: " + lastError);
  }

  OptionalLong queueBytes() {
    long b = queueBytes.get();
    return b < 0 ? OptionalLong.empty() : OptionalLong.of(b);
  }

  OptionalLong queueMessages() {
    long c = queueCount.get();
    return c < 0 ? OptionalLong.empty() : OptionalLong.of(c);
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(2000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("canary close: {}", e.toString());
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (SYS_BYTES.equals(topic) || SYS_COUNT.equals(topic)) {
        long value = parseLong(message.getPayload());
        (SYS_BYTES.equals(topic) ? queueBytes : queueCount).set(value);
        return;
      }
      try {
        for (Reading r : TelemetryCodec.decodeReadings(message.getPayload())) {
          received.accumulateAndGet(r.seq(), Math::max);
        }
      } catch (RuntimeException e) {
        notReadings.warn(e.toString(), null);
      }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      lastError =
          "disconnected: "
              + (response.getReasonString() != null
                  ? response.getReasonString()
                  : String.valueOf(response.getException()));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      lastError = "MQTT error: " + exception;
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }

  private static long parseLong(byte[] payload) {
    try {
      return Long.parseLong(new String(payload, StandardCharsets.UTF_8).strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
