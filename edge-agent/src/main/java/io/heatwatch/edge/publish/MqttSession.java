package io.heatwatch.edge.publish;

import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.MqttTopics;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.TelemetryCodec;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's MQTT v5 session, the {@link Uplink} of a real device: persistent (clean start off),
 * retained birth and Last Will on the status topic, downlink subscriptions, and reconnects with
 * exponential backoff and jitter. Every successful connect starts a new {@link #connection()
 * connection number}, so senders know to replay what was in flight.
 */
public final class MqttSession implements Uplink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
  private static final int QOS = 1;
  private static final long CONNECT_TIMEOUT_MS = 15_000;

  private final MqttSettings settings;
  private final String site;
  private final String deviceId;
  private final ScheduledExecutorService scheduler;
  private volatile MqttAsyncClient client;
  private boolean clientUsed;
  private final Backoff backoff = Backoff.jittered(Duration.ofSeconds(1), Duration.ofMinutes(2));
  private final AtomicLong connection = new AtomicLong();
  private volatile Supplier<DeviceStatus> birth;
  private volatile Runnable onConnected;
  private volatile BiConsumer<Channel, byte[]> downlink;
  private volatile boolean closed;
  private volatile boolean ready;
  private volatile byte[] willPayload;

  public MqttSession(
      MqttSettings settings, String site, String deviceId, ScheduledExecutorService scheduler) {
    this.settings = settings;
    this.site = site;
    this.deviceId = deviceId;
    this.scheduler = scheduler;
    this.client = newClient();
  }

  @Override
  public String deviceId() {
    return deviceId;
  }

  private MqttAsyncClient newClient() {
    try {
      MqttAsyncClient fresh =
          new MqttAsyncClient(
              settings.serverUri(), "heatwatch-" + deviceId, new MemoryPersistence());
      fresh.setCallback(new Callback(fresh));
      return fresh;
    } catch (MqttException e) {
      throw new IllegalStateException("cannot create MQTT client for " + deviceId, e);
    }
  }

  /**
   * Every connection attempt after the first gets a fresh Paho client. A reused one retransmits the
   * publishes that were in flight at the loss exactly as they were sent, with the topic alias of
   * the lost connection and no topic: the broker cannot map the alias and disconnects (reason
   * 0x94), again on every attempt. The outbox sender replays everything unacknowledged anyway.
   */
  private void renewClient() {
    if (!clientUsed) {
      clientUsed = true;
      return;
    }
    MqttAsyncClient old = client;
    client = newClient();
    try {
      old.close(true);
    } catch (MqttException e) {
      LOG.debug("device {}: closing the previous MQTT client: {}", deviceId, e.toString());
    }
  }

  @Override
  public void start(
      Supplier<DeviceStatus> birth,
      DeviceStatus lastWill,
      Runnable onConnected,
      BiConsumer<Channel, byte[]> downlink) {
    this.birth = birth;
    this.onConnected = onConnected;
    this.downlink = downlink;
    this.willPayload = TelemetryCodec.encode(lastWill);
    scheduler.execute(this::attemptConnect);
  }

  private void attemptConnect() {
    if (closed) {
      return;
    }
    try {
      renewClient();
      client
          .connect(
              PahoSession.options(
                  settings, topic(Channel.STATUS), willPayload, QOS, CONNECT_TIMEOUT_MS / 1000))
          .waitForCompletion(CONNECT_TIMEOUT_MS);
      subscribeDownlink();
      publishBirth();
      backoff.reset();
      long n = connection.incrementAndGet();
      ready = true;
      LOG.info("device {} connected to {} (connection {})", deviceId, settings.serverUri(), n);
      onConnected.run();
    } catch (MqttException | RuntimeException e) {
      Duration wait = backoff.next();
      LOG.warn(
          "device {}: cannot connect to {} ({}); retrying in {} ms",
          deviceId,
          settings.serverUri(),
          e.getMessage(),
          wait.toMillis());
      disconnectQuietly();
      scheduler.schedule(this::attemptConnect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void publishBirth() {
    try {
      publishStatus(birth.get());
    } catch (UplinkException e) {
      // Messages of the previous connection may fill the client's window; the heartbeat follows.
      LOG.warn("device {}: birth message not sent: {}", deviceId, e.getMessage());
    }
  }

  private void subscribeDownlink() throws MqttException {
    client
        .subscribe(
            new MqttSubscription[] {
              new MqttSubscription(topic(Channel.ALARMS), QOS),
              new MqttSubscription(MqttTopics.configFilter(site, deviceId), QOS)
            })
        .waitForCompletion(CONNECT_TIMEOUT_MS);
  }

  @Override
  public long connection() {
    return connection.get();
  }

  @Override
  public boolean isReady() {
    return ready && client.isConnected();
  }

  @Override
  public void publishReading(byte[] payload, Delivery delivery) throws UplinkException {
    try {
      client.publish(
          topic(Channel.READINGS), payload, QOS, false, null, PahoSession.listener(delivery));
    } catch (MqttException e) {
      throw new UplinkException(e.getMessage(), e);
    }
  }

  @Override
  public void publishStatus(DeviceStatus status) throws UplinkException {
    try {
      client.publish(topic(Channel.STATUS), TelemetryCodec.encode(status), QOS, true);
    } catch (MqttException e) {
      throw new UplinkException(e.getMessage(), e);
    }
  }

  private String topic(Channel channel) {
    return MqttTopics.topic(site, deviceId, channel);
  }

  @Override
  public void close(DeviceStatus goodbye) {
    closed = true;
    try {
      if (client.isConnected()) {
        IMqttToken token =
            client.publish(topic(Channel.STATUS), TelemetryCodec.encode(goodbye), QOS, true);
        token.waitForCompletion(5_000);
        client.disconnect(5_000).waitForCompletion(5_000);
      }
    } catch (MqttException e) {
      LOG.warn("device {}: clean disconnect failed: {}", deviceId, e.toString());
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.warn("device {}: closing MQTT client: {}", deviceId, e.toString());
    }
  }

  private void disconnectQuietly() {
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(0, 1_000, false);
      }
    } catch (MqttException e) {
      LOG.debug("forced disconnect: {}", e.toString());
    }
  }

  /** Paho's callbacks: reconnect after a loss, hand downlink messages on. */
  private final class Callback implements MqttCallback {
    private final MqttAsyncClient owner;

    Callback(MqttAsyncClient owner) {
      this.owner = owner;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      if (closed || owner != client) {
        // Closed, or a replaced client's last word: the current one has its own reconnects.
        return;
      }
      ready = false;
      Duration wait = backoff.next();
      LOG.warn(
          "device {} lost the broker ({}); reconnecting in {} ms",
          deviceId,
          response.getReasonString() == null ? response.getException() : response.getReasonString(),
          wait.toMillis());
      scheduler.schedule(MqttSession.this::attemptConnect, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      // Config arrives per sensor, one level below the device's config topic.
      Channel channel =
          topic.startsWith(MqttSession.this.topic(Channel.CONFIG) + "/")
              ? Channel.CONFIG
              : MqttTopics.parse(topic).map(MqttTopics.Address::channel).orElse(null);
      if (channel != null) {
        downlink.accept(channel, message.getPayload());
      }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("device {}: MQTT error {}", deviceId, exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
