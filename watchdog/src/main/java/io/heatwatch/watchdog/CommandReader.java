package io.heatwatch.watchdog;

import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.TelemetryCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads operators' commands ({@code heatwatch.alarm-commands}) on its own thread and hands each to
 * the watchdog, which applies those on its own PIPELINE_STALLED alarm; the job ignores them, as it
 * does not own that alarm. A command that does not decode is skipped with a throttled WARN line.
 * Kafka being down only delays commands: the thread polls on, and never holds up the checks.
 */
final class CommandReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommandReader.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Consumer<AlarmCommand> handler;
  private final ThrottledLog malformed;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * {@code groupId} keeps the position over restarts; a new group starts at the topic's end, as
   * commands older than the watchdog's start name alarms it no longer holds open.
   */
  CommandReader(
      String bootstrapServers, String groupId, Consumer<AlarmCommand> handler, Clock clock) {
    this.handler = handler;
    this.malformed = new ThrottledLog(LOG, "alarm commands skipped", clock);
    this.consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.CLIENT_ID_CONFIG, groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "watchdog-commands");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(KafkaTopics.ALARM_COMMANDS));
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          if (r.value() == null) {
            continue;
          }
          AlarmCommand command;
          try {
            command = TelemetryCodec.decodeAlarmCommand(r.value());
          } catch (RuntimeException e) {
            malformed.warn(r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e, null);
            continue;
          }
          handler.accept(command);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("stopped reading alarm commands", e);
      }
    } catch (RuntimeException e) {
      LOG.error("stopped reading alarm commands", e);
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
