package io.heatwatch.notifier.deliver;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.notifier.channel.Channel;
import io.heatwatch.notifier.channel.Message;
import io.heatwatch.notifier.config.NotifierConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claim, send, record: rebuilds its state from the delivery log, reads the intents, keeps one
 * sender per channel and watches the channels for NOTIFICATION_FAILED.
 */
public final class DeliveryEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);
  private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(2);

  private final DeliveryLog log;
  private final AlarmWriter alarms;
  private final Deliveries deliveries;
  private final IntentReader intents;
  private final ChannelTests tests;
  private final ChannelWatch watch;
  private final SeenAlarms seen = new SeenAlarms();
  private final ScheduledExecutorService ticker;

  private DeliveryEngine(
      NotifierConfig config,
      Map<String, Channel> channels,
      Function<List<LogEntry>, Message> messages,
      Clock clock,
      DeliveryListener listener) {
    Properties client = config.kafka().clientSettings();
    Ledger ledger = new Ledger(config.maxLogEntries());
    Router router = new Router(config.routing(), config.recipients());
    // What was suppressed, which sites are unreachable, what flaps: as the log says it was decided.
    LogReader.Rebuilt rebuilt =
        LogReader.read(
            client,
            ledger,
            seen,
            REBUILD_TIMEOUT,
            KafkaTopics.NOTIFICATION_LOG,
            e -> router.observe(e.intent(), e.at()));
    LOG.info(
        "delivery log read: {} records, {} done, {} to resume, {} open NOTIFICATION_FAILED",
        rebuilt.records(),
        ledger.doneCount(),
        rebuilt.pending().size(),
        rebuilt.openFailures().size());
    if (ledger.forgotten() > 0) {
      LOG.warn(
          "delivery log holds more delivered ids than maxLogEntries ({}): the {} oldest are"
              + " forgotten and would be sent again if their intents were replayed; raise"
              + " maxLogEntries or shorten the log's retention",
          config.maxLogEntries(),
          ledger.forgotten());
    }
    log = new DeliveryLog(client);
    alarms = new AlarmWriter(client);
    Backoff backoff = new Backoff(config.retry(), new Random());
    Map<String, ChannelSender> senders = new LinkedHashMap<>();
    try {
      channels.forEach(
          (id, channel) ->
              senders.put(
                  id,
                  new ChannelSender(
                      id, channel, messages, router, log, ledger, backoff, clock, listener)));
      deliveries = new Deliveries(senders, log, ledger, router, clock, listener);
      watch = new ChannelWatch(config, deliveries, alarms, clock);
      rebuilt.openFailures().forEach((ch, f) -> watch.restore(ch, f.alarm(), f.told()));
      deliveries.resume(rebuilt.pending());
      senders.values().forEach(ChannelSender::start);
      intents = new IntentReader(config, client, deliveries, seen, clock);
      intents.start();
      tests = new ChannelTests(config, client, deliveries, clock);
      tests.start();
      long tick = Math.max(50, Math.min(1000, config.channelFailedAfter().toMillis() / 4));
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "notifier-channel-watch");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleWithFixedDelay(watch::check, tick, tick, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      // A start that fails half way (the log unwritable for a claim of a removed channel) leaves
      // no threads or producers behind in a process that goes on, such as the local stack.
      senders.values().forEach(ChannelSender::close);
      alarms.close();
      log.close();
      throw e;
    }
  }

  /**
   * Starts delivering: reads the delivery log to its end first (so a restart sends nothing the log
   * says was sent), then the intents.
   *
   * @param channels the open channels by id, one sender thread each
   * @param messages makes the message for notifications to one target (one, or a group); throws
   *     IllegalStateException if it can no longer be made (its recipient was removed), which fails
   *     the notification
   */
  public static DeliveryEngine start(
      NotifierConfig config,
      Map<String, Channel> channels,
      Function<List<LogEntry>, Message> messages,
      Clock clock,
      DeliveryListener listener) {
    return new DeliveryEngine(config, channels, messages, clock, listener);
  }

  /** The latest version of a notified alarm, for the acknowledgement page. */
  public Optional<Alarm> alarm(String alarmId) {
    return seen.get(alarmId);
  }

  public EngineStatus status() {
    Map<String, EngineStatus.ChannelStatus> channels = new TreeMap<>();
    deliveries
        .senders()
        .forEach(
            (id, s) ->
                channels.put(
                    id,
                    new EngineStatus.ChannelStatus(
                        s.pending(), s.lastSuccess(), s.waitingSince())));
    return new EngineStatus(
        intents.lag(), channels, watch.open(), intents.unmatched(), intents.malformed());
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    intents.close();
    tests.close();
    for (ChannelSender s : deliveries.senders().values()) {
      s.close();
    }
    alarms.close();
    log.close();
  }
}
