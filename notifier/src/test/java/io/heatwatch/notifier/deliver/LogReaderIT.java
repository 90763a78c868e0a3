package io.heatwatch.notifier.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification.Reason;
import io.heatwatch.model.Pipeline;
import io.heatwatch.notifier.config.Target;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a restart rebuilds from the delivery log, over real Kafka. */
@ExtendWith(KafkaExtension.class)
class LogReaderIT {
  private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void sentAndFailedAreDoneClaimsAndRetriesResumeOthersEntriesAreSkipped(KafkaServer kafka) {
    kafka.createCompactedTopic(KafkaTopics.NOTIFICATION_LOG, 1);
    Properties client = new Properties();
    client.put("bootstrap.servers", kafka.bootstrapServers());
    Alarm alarm = Intents.alarm("dev-1:t1:HIGH:" + UUID.randomUUID(), AT);
    var opened = Intents.intent(alarm, Reason.OPENED, 1, 0);
    LogEntry sent = LogEntry.claim(opened, new Target("maria", "mail"), AT);
    LogEntry retrying = LogEntry.claim(opened, new Target(null, "hook"), AT);
    LogEntry claimed = LogEntry.claim(opened, new Target("boss", "mail"), AT);
    LogEntry failed = LogEntry.claim(opened, new Target("boss", "sms"), AT);
    Alarm failure =
        Alarm.builder()
            .alarmId(
                Alarm.idFor(
                    Pipeline.DEVICE_ID, "logreader-mail", AlarmKind.NOTIFICATION_FAILED, AT))
            .site("heatwatch")
            .deviceId(Pipeline.DEVICE_ID)
            .sensorId("logreader-mail")
            .kind(AlarmKind.NOTIFICATION_FAILED)
            .severity(Alarm.Severity.CRITICAL)
            .openedAt(AT)
            .updatedAt(AT)
            .build();
    LogEntry failureTold =
        LogEntry.claim(Intents.intent(failure, Reason.OPENED, 1, 0), new Target(null, "hook"), AT)
            .attempted(DeliveryState.SENT, AT, null, "204");
    try (DeliveryLog log = new DeliveryLog(client)) {
      log.write(List.of(sent, retrying, claimed, failed));
      log.write(
          List.of(
              sent.attempted(DeliveryState.SENT, AT, null, "250 OK"),
              retrying.attempted(DeliveryState.RETRYING, AT, AT.plusSeconds(30), "HTTP 503"),
              failed.attempted(DeliveryState.FAILED, AT, null, "HTTP 400"),
              failureTold));
    }
    try (KafkaProducer<String, byte[]> other =
        new KafkaProducer<>(client, new StringSerializer(), new ByteArraySerializer())) {
      // C's used acknowledgement links share the topic; a broken entry must not stop the start.
      other.send(new ProducerRecord<>(KafkaTopics.NOTIFICATION_LOG, "ack:nonce-1", bytes("{}")));
      other.send(new ProducerRecord<>(KafkaTopics.NOTIFICATION_LOG, "broken", bytes("{not json")));
      other.flush();
    }

    Ledger ledger = new Ledger(1000);
    SeenAlarms seen = new SeenAlarms();
    LogReader.Rebuilt rebuilt = LogReader.read(client, ledger, seen, Duration.ofSeconds(20));

    assertThat(ledger.isDone(sent.id())).isTrue();
    assertThat(ledger.isDone(failed.id())).isTrue();
    assertThat(rebuilt.pending())
        .filteredOn(e -> e.intent().alarmId().equals(alarm.alarmId()))
        .extracting(LogEntry::id, LogEntry::state, LogEntry::nextAt)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                retrying.id(), DeliveryState.RETRYING, AT.plusSeconds(30)),
            org.assertj.core.groups.Tuple.tuple(claimed.id(), DeliveryState.CLAIMED, null));
    // Resumed claims are in flight: the same intent read again claims nothing new.
    assertThat(ledger.claim(claimed.id())).isFalse();
    assertThat(ledger.claim(sent.id())).isFalse();
    assertThat(seen.get(alarm.alarmId())).contains(alarm);
    assertThat(rebuilt.openFailures()).containsKey("logreader-mail");
    assertThat(rebuilt.openFailures().get("logreader-mail").told())
        .containsExactly(new Target(null, "hook"));
  }

  @Test
  void aMissingLogTopicStopsTheStartNamingIt(KafkaServer kafka) {
    Properties client = new Properties();
    client.put("bootstrap.servers", kafka.bootstrapServers());
    String topic = "heatwatch.notification-log-missing-" + UUID.randomUUID();

    assertThatThrownBy(
            () ->
                LogReader.read(
                    client, new Ledger(10), new SeenAlarms(), Duration.ofSeconds(10), topic))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(topic)
        .hasMessageContaining("does not exist");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
