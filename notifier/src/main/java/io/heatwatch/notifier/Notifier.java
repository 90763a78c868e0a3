package io.heatwatch.notifier;

import io.heatwatch.model.Alarm;
import io.heatwatch.notifier.ack.AckDirectory;
import io.heatwatch.notifier.ack.AckHandler;
import io.heatwatch.notifier.ack.AckLinks;
import io.heatwatch.notifier.ack.KafkaAckCommands;
import io.heatwatch.notifier.channel.Channel;
import io.heatwatch.notifier.config.NotifierConfig;
import io.heatwatch.notifier.config.Recipient;
import io.heatwatch.notifier.deliver.DeliveryEngine;
import io.heatwatch.notifier.deliver.DeliveryListener;
import io.heatwatch.notifier.deliver.EngineStatus;
import io.heatwatch.notifier.settings.SettingsFollower;
import io.heatwatch.notifier.web.NotifierHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier, startable in-process (the local stack) or by {@link Main}: its channels, the
 * delivery engine and the HTTP server. Closing it stops everything it started.
 */
public final class Notifier implements AutoCloseable {
  /** How long an acknowledgement link works. */
  public static final Duration ACK_LINK_VALID_FOR = Duration.ofDays(7);

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final List<Channel> channels = new ArrayList<>();
  private SettingsFollower settings;
  private volatile NotifierConfig config;
  private volatile DeliveryEngine engine;
  private NotifierHttp http;
  private Clock clock;
  private DeliveryListener listener;
  private AckLinks links;

  private Notifier() {}

  /** Starts with nobody told of deliveries. */
  public static Notifier start(NotifierConfig config, Clock clock) {
    return start(config, clock, DeliveryListener.NONE);
  }

  /** Starts; {@code listener} is told of every notification recorded SENT or FAILED. */
  public static Notifier start(NotifierConfig config, Clock clock, DeliveryListener listener) {
    Notifier n = new Notifier();
    try {
      n.open(config, clock, listener);
      return n;
    } catch (RuntimeException e) {
      n.close();
      throw e;
    }
  }

  private void open(NotifierConfig file, Clock clock, DeliveryListener listener) {
    this.clock = clock;
    this.listener = listener;
    settings = new SettingsFollower(file, clock);
    NotifierConfig config = settings.catchUp();
    links =
        config.ackKey() == null
            ? null
            : new AckLinks(
                config.ackKey().bytes(), config.http().publicUrl(), ACK_LINK_VALID_FOR, clock);
    startDelivery(config);
    AckHandler ack = null;
    if (links != null) {
      KafkaAckCommands commands = KafkaAckCommands.open(config.kafka().bootstrapServers());
      opened.add(commands);
      ack = new AckHandler(links, commands, directory(), clock);
    }
    http = NotifierHttp.start(config.http(), this::status, ack);
    settings.start(this::reconfigure);
    LOG.info(
        "notifier started: {} channel(s), {} polic(ies), http on {}:{}",
        config.channels().size(),
        config.policies().size(),
        config.http().bind(),
        http.port());
  }

  /** Opens the channels and starts delivering on them. */
  private void startDelivery(NotifierConfig config) {
    Map<String, Channel> open = new LinkedHashMap<>();
    config
        .channels()
        .forEach(
            (id, s) -> {
              Channel c = s.open(id);
              channels.add(c);
              open.put(id, c);
            });
    engine = DeliveryEngine.start(config, open, new Messages(config, links), clock, listener);
    this.config = config;
  }

  private void stopDelivery() {
    if (engine != null) {
      engine.close();
      engine = null;
    }
    for (Channel c : channels) {
      closeQuietly(c);
    }
    channels.clear();
  }

  /**
   * Restarts delivery on the console's edit: what waits is claimed in the delivery log and resumed
   * by the new engine, and nothing recorded as sent is sent again. If it cannot start (Kafka out of
   * reach), the previous configuration is started again and the exception thrown.
   */
  private synchronized void reconfigure(NotifierConfig next) {
    NotifierConfig previous = config;
    stopDelivery();
    try {
      startDelivery(next);
    } catch (RuntimeException e) {
      LOG.error("settings: delivery did not start on the edit; going back to the previous", e);
      stopDelivery();
      startDelivery(previous);
      throw e;
    }
  }

  private AckDirectory directory() {
    return new AckDirectory() {
      @Override
      public Optional<Alarm> alarm(String alarmId) {
        DeliveryEngine e = engine;
        return e == null ? Optional.empty() : e.alarm(alarmId);
      }

      @Override
      public Optional<String> recipientName(String recipientId) {
        return Optional.ofNullable(config.recipients().get(recipientId)).map(Recipient::name);
      }
    };
  }

  /** What {@code /health} shows. */
  public EngineStatus status() {
    DeliveryEngine e = engine;
    if (e == null) {
      throw new IllegalStateException("delivery is restarting on new settings");
    }
    return e.status();
  }

  /** The HTTP server's port. */
  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    if (settings != null) {
      settings.close();
    }
    if (http != null) {
      http.close();
    }
    synchronized (this) {
      stopDelivery();
    }
    opened.forEach(Notifier::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("closing {}: {}", c, e.toString());
    }
  }
}
