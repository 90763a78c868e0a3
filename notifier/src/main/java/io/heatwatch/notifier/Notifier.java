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
  private DeliveryEngine engine;
  private NotifierHttp http;

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

  private void open(NotifierConfig config, Clock clock, DeliveryListener listener) {
    Map<String, Channel> channels = new LinkedHashMap<>();
    config
        .channels()
        .forEach(
            (id, settings) -> {
              Channel c = settings.open(id);
              opened.add(c);
              channels.put(id, c);
            });
    AckLinks links =
        config.ackKey() == null
            ? null
            : new AckLinks(
                config.ackKey().bytes(), config.http().publicUrl(), ACK_LINK_VALID_FOR, clock);
    engine = DeliveryEngine.start(config, channels, new Messages(config, links), clock, listener);
    AckHandler ack = null;
    if (links != null) {
      KafkaAckCommands commands = KafkaAckCommands.open(config.kafka().bootstrapServers());
      opened.add(commands);
      ack = new AckHandler(links, commands, directory(config, engine), clock);
    }
    http = NotifierHttp.start(config.http(), engine::status, ack);
    LOG.info(
        "notifier started: {} channel(s), {} polic(ies), http on {}:{}",
        channels.size(),
        config.policies().size(),
        config.http().bind(),
        http.port());
  }

  private static AckDirectory directory(NotifierConfig config, DeliveryEngine engine) {
    return new AckDirectory() {
      @Override
      public Optional<Alarm> alarm(String alarmId) {
        return engine.alarm(alarmId);
      }

      @Override
      public Optional<String> recipientName(String recipientId) {
        return Optional.ofNullable(config.recipients().get(recipientId)).map(Recipient::name);
      }
    };
  }

  /** What {@code /health} shows. */
  public EngineStatus status() {
    return engine.status();
  }

  /** The HTTP server's port. */
  public int httpPort() {
    return http.port();
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
    if (engine != null) {
      engine.close();
    }
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("closing {}: {}", c, e.toString());
      }
    }
  }
}
