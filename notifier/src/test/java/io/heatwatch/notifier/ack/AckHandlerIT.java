package io.heatwatch.notifier.ack;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.testkit.KafkaExtension;
import io.heatwatch.testkit.KafkaServer;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The link's page, its one POST that acknowledges, and its refusals, over real Kafka and HTTP. */
@ExtendWith(KafkaExtension.class)
class AckHandlerIT {
  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> open = new ArrayList<>();
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private KafkaServer kafka;
  private String alarmId;
  private URI base;

  @BeforeEach
  void topics(KafkaServer kafka) {
    this.kafka = kafka;
    kafka.createTopics(1, KafkaTopics.ALARM_COMMANDS);
    kafka.createCompactedTopic(KafkaTopics.NOTIFICATION_LOG, 1);
    kafka.createCompactedTopic(KafkaTopics.NOTIFIER_SETTINGS, 1);
    alarmId = "dev-1:t1:HIGH:" + UUID.randomUUID();
  }

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void getShowsThePageAndSendsNothingPostAcknowledgesOnce() throws Exception {
    AckLinks links = start();
    String link = links.link(alarmId, "anna");

    HttpResponse<String> page = get(link);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Acknowledge alarm HIGH at home/dev-1/t1?")
        .contains("<form method=\"post\">")
        .contains("I'm on it")
        .doesNotContain(link.substring(link.lastIndexOf('/') + 1));

    HttpResponse<String> ack = post(link);
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(ack.body()).contains("acknowledged by Anna &lt;b&gt;Berg");
    assertThat(commands())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.action()).isEqualTo(AlarmCommand.Action.ACKNOWLEDGE);
              assertThat(c.by()).isEqualTo("Anna <b>Berg");
              assertThat(c.comment()).isEqualTo("I'm on it (from the notification link)");
            });

    HttpResponse<String> again = post(link);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body())
        .contains("Already acknowledged by Anna &lt;b&gt;Berg at 2026-12-05T10:00:00Z");
    assertThat(commands()).hasSize(1);
  }

  @Test
  void aLinkStaysUsedAfterTheHandlerRestartsFromTheLog() throws Exception {
    String link = start().link(alarmId, "anna");
    assertThat(post(link).statusCode()).isEqualTo(200);
    close();
    open.clear();

    start(); // a new handler, knowing only what it reads back from heatwatch.notification-log
    HttpResponse<String> again = post(link);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("Already acknowledged by Anna");
    assertThat(get(link).body()).contains("Already acknowledged by Anna");
    assertThat(commands()).hasSize(1);
  }

  @Test
  void anUnreadableUsedLinkRecordInTheLogDoesNotStopTheStartAndItsLinkStaysUsed() throws Exception {
    AckLinks links = start();
    String link = links.link(alarmId, "anna");
    String nonce = links.verify(link.substring(link.lastIndexOf('/') + 1)).orElseThrow().nonce();
    close();
    open.clear();
    java.util.Properties p = new java.util.Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
            p,
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.StringSerializer())) {
      producer
          .send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  KafkaTopics.NOTIFICATION_LOG, "ack:" + nonce, "{not json"))
          .get();
    }

    start(); // the record cannot be read: the link counts as used, and the handler runs
    HttpResponse<String> again = post(link);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(commands()).isEmpty();
    assertThat(post(start().link(alarmId, "anna")).statusCode())
        .as("a new link still works")
        .isEqualTo(200);
  }

  @Test
  void anExpiredLinkIsAGoneAndATamperedOneANotFoundPageAndNeitherSends() throws Exception {
    String link = start().link(alarmId, "anna");
    close();
    open.clear();
    clock = Clock.fixed(NOW.plus(Duration.ofDays(2)), ZoneOffset.UTC);
    start();

    HttpResponse<String> expired = post(link);
    assertThat(expired.statusCode()).isEqualTo(410);
    assertThat(expired.body()).contains("This link has expired");
    assertThat(get(link).statusCode()).isEqualTo(410);

    HttpResponse<String> tampered = post(link.substring(0, link.length() - 3) + "AAA");
    assertThat(tampered.statusCode()).isEqualTo(404);
    assertThat(tampered.body()).contains("This link is not valid").doesNotContain("Exception");
    assertThat(commands()).isEmpty();
  }

  private AckLinks start() {
    KafkaAckCommands commands = KafkaAckCommands.open(kafka.bootstrapServers());
    open.add(commands);
    Undertow server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(
                new AckHandler(
                    linksAt(URI.create("http://127.0.0.1:1/")), commands, directory(), clock))
            .build();
    server.start();
    open.add(server::stop);
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    base = URI.create("http://127.0.0.1:" + port);
    return linksAt(base);
  }

  private AckLinks linksAt(URI publicBase) {
    return new AckLinks(KEY, publicBase, Duration.ofHours(24), clock);
  }

  private AckDirectory directory() {
    Alarm alarm =
        Alarm.builder()
            .alarmId(alarmId)
            .version(1)
            .site("home")
            .deviceId("dev-1")
            .sensorId("t1")
            .kind(AlarmKind.HIGH)
            .severity(Alarm.Severity.CRITICAL)
            .state(AlarmState.OPEN)
            .openedAt(NOW)
            .updatedAt(NOW)
            .build();
    return new AckDirectory() {
      @Override
      public Optional<Alarm> alarm(String id) {
        return id.equals(alarmId) ? Optional.of(alarm) : Optional.empty();
      }

      @Override
      public Optional<String> recipientName(String recipientId) {
        return Optional.of("Anna <b>Berg");
      }
    };
  }

  private HttpResponse<String> get(String link) throws Exception {
    return http.send(
        HttpRequest.newBuilder(rebase(link)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String link) throws Exception {
    return http.send(
        HttpRequest.newBuilder(rebase(link)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI rebase(String link) {
    return URI.create(base + link.substring(link.indexOf("/ack/")));
  }

  /** Every acknowledgement for this test's alarm on the commands topic, read to its end. */
  private List<AlarmCommand> commands() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    List<AlarmCommand> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(KafkaTopics.ALARM_COMMANDS, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          AlarmCommand c = TelemetryCodec.decodeAlarmCommand(r.value());
          if (c.alarmId().equals(alarmId)) {
            found.add(c);
          }
        }
      }
    }
    return found;
  }
}
