package io.heatwatch.job.bench;

import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.heatwatch.job.HeatwatchJob;
import io.heatwatch.job.JobConfig;
import io.heatwatch.job.JobOptions;
import io.heatwatch.job.Sinks;
import io.heatwatch.job.Sources;
import io.heatwatch.job.device.DeviceView;
import io.heatwatch.job.model.InvalidRecord;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.KafkaTopics;
import io.heatwatch.model.Notification;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.notifier.Notifier;
import io.heatwatch.notifier.config.NotifierConfig;
import io.heatwatch.testkit.FlinkCluster;
import io.heatwatch.testkit.KafkaServer;
import io.heatwatch.testkit.Machine;
import io.heatwatch.testkit.Ports;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Issue 20's proof 1: from an alarm's reading being in Kafka to its notification being accepted by
 * an SMTP server and by a webhook receiver, through the real job (Kafka sources, the notification
 * scheduler and its Kafka sink, checkpoints on, RocksDB) and the real notifier, under a paced
 * background load.
 *
 * <p>Devices × sensors each send one reading a second stamped with the wall clock; once a second
 * one sensor (of a device that has not spiked yet) reads 45 °C, which opens a HIGH alarm at once,
 * and the next reading clears it. Every device is a site of its own, so no two alarms are grouped
 * into one message. t0 = the producer's acknowledgement of the spiked reading; t1 = GreenMail
 * storing the mail (its inbox listener) and the webhook receiver's handler starting, for the first
 * message naming the alarm on each. The notifier does not group (groupWindow 0 s): a spike opens
 * HIGH and SPIKE at once, and grouped, the second would wait up to the window by design. The
 * Elasticsearch sinks discard: they are not on this path.
 *
 * <p>Arguments: {@code [devices, default 1250] [sensors per device, default 4] [seconds measured,
 * default 60] [checkpoint interval, default "10 s"]}: 1,250 × 4 at 1 Hz is 5,000 readings/s.
 */
public final class NotificationLatencyBenchmark {
  private static final int WARM_UP_S = 20;
  private static final double NORMAL_C = 20.0;
  private static final double SPIKE_C = 45.0;
  private static final Pattern ALARM_ID = Pattern.compile("pi-\\d+:t\\d+:HIGH:\\d+");

  private NotificationLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1250;
    int sensors = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    String checkpointInterval = args.length > 3 ? args[3] : "10 s";
    if (devices < WARM_UP_S + seconds) {
      throw new IllegalArgumentException(
          "need a device per spike: at least " + (WARM_UP_S + seconds));
    }
    Path root = Files.createTempDirectory("heatwatch-notification-latency");
    System.out.println(Machine.describe());
    System.out.printf(
        "load: %d devices × %d sensors at 1 Hz = %,d readings/s, 1 alarm/s; checkpoints every %s,"
            + " RocksDB, AT_LEAST_ONCE; %d s warm-up, %d s measured%n",
        devices, sensors, devices * sensors, checkpointInterval, WARM_UP_S, seconds);

    Map<String, Long> ackedAt = new ConcurrentHashMap<>();
    Map<String, Long> mailAt = new ConcurrentHashMap<>();
    Map<String, Long> hookAt = new ConcurrentHashMap<>();
    List<Long> mailArrivals = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    hook.createContext(
        "/",
        exchange -> {
          long seen = System.nanoTime();
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = ALARM_ID.matcher(body);
            if (m.find()) {
              hookAt.putIfAbsent(m.group(), seen);
            }
            exchange.sendResponseHeaders(204, -1);
          }
        });
    hook.start();
    GreenMail smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));
    smtp.start();
    GreenMailUser maria = smtp.setUser("maria@example.com", "maria", "unused-password");
    smtp.getManagers()
        .getImapHostManager()
        .getInbox(maria)
        .addListener(
            new FolderListener() {
              @Override
              public void added(int msn) {
                mailArrivals.add(System.nanoTime());
              }

              @Override
              public void expunged(int msn) {}

              @Override
              public void flagsUpdated(int msn, Flags flags, Long uid) {}

              @Override
              public void mailboxDeleted() {}
            });

    try (KafkaServer kafka = KafkaServer.start(root.resolve("kafka"), 0);
        FlinkCluster flink = FlinkCluster.start(0, 1, 2, FlinkCluster.PRODUCTION_MANAGED_MEMORY)) {
      kafka.createTopics(2, KafkaTopics.APPEND_ONLY.toArray(String[]::new));
      for (String topic : KafkaTopics.COMPACTED) {
        kafka.createCompactedTopic(topic, 1);
      }
      Path secret = Files.writeString(root.resolve("webhook-secret"), webhookSecret());
      String yaml =
          """
          # a spike opens HIGH and SPIKE together: grouped, the second would wait for the window
          # (docs/notifications.md); this measures the chain, so every alarm goes at once
          groupWindow: 0 s
          kafka:
            bootstrapServers: %s
          http:
            bind: 127.0.0.1
            port: %d
            publicUrl: http://127.0.0.1/
          channels:
            mail: {type: email, host: 127.0.0.1, port: %d, tls: NONE, from: heatwatch@example.com}
            hook: {type: webhook, url: "http://127.0.0.1:%d/", secret: "file:%s"}
          recipients:
            maria: {name: Maria, email: maria@example.com}
          policies:
            - name: everything
              levels:
                - notify: [{recipient: maria, channel: mail}, {channel: hook}]
          """
              .formatted(
                  kafka.bootstrapServers(),
                  Ports.free(),
                  smtp.getSmtp().getPort(),
                  hook.getAddress().getPort(),
                  secret);
      JobConfig config =
          JobConfig.fromMap(
              Map.ofEntries(
                  Map.entry(JobOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers()),
                  Map.entry(JobOptions.ELASTICSEARCH_HOSTS.key(), "http://unused:9200"),
                  Map.entry(JobOptions.CHECKPOINT_INTERVAL.key(), checkpointInterval),
                  Map.entry(
                      JobOptions.CHECKPOINT_DIR.key(),
                      root.resolve("checkpoints").toUri().toString()),
                  Map.entry(JobOptions.STATE_BACKEND.key(), "rocksdb"),
                  Map.entry(JobOptions.ALARMS_GUARANTEE.key(), "at-least-once"),
                  Map.entry(JobOptions.PARALLELISM.key(), "2")));
      var env = flink.environment(2);
      Sinks production = Sinks.production(config);
      HeatwatchJob.build(env, config, Sources.kafka(config), new NotifyingSinks(production));
      JobClient job = env.executeAsync("notification-latency");
      try (Notifier notifier =
          Notifier.start(NotifierConfig.parse("bench", yaml), Clock.systemUTC())) {
        load(kafka, devices, sensors, seconds, ackedAt);
        Thread.sleep(15_000); // let the last alarms' notifications arrive
        System.out.println("notifier: " + notifier.status());
      } finally {
        job.cancel().get(30, TimeUnit.SECONDS);
      }
      matchMails(smtp, mailArrivals, mailAt);
    } finally {
      hook.stop(0);
      smtp.stop();
    }
    Latencies mail = new Latencies();
    Latencies webhook = new Latencies();
    int alarms = 0;
    for (Map.Entry<String, Long> e : ackedAt.entrySet()) {
      if (e.getValue() < 0) {
        continue; // a warm-up alarm
      }
      alarms++;
      Long m = mailAt.get(e.getKey());
      Long h = hookAt.get(e.getKey());
      if (m != null) {
        mail.add((m - e.getValue()) / 1e6);
      }
      if (h != null) {
        webhook.add((h - e.getValue()) / 1e6);
      }
    }
    System.out.printf("alarms measured: %d%n", alarms);
    System.out.printf("reading in Kafka -> mail accepted by SMTP:    %s%n", mail);
    System.out.printf("reading in Kafka -> webhook request received: %s%n", webhook);
    System.out.printf(
        "missing: %d mails, %d webhook requests%n",
        alarms - mail.count(), alarms - webhook.count());
  }

  /** The paced readings, one spike a second; acknowledgement times by alarm id (warm-up < 0). */
  private static void load(
      KafkaServer kafka, int devices, int sensors, int seconds, Map<String, Long> ackedAt)
      throws InterruptedException {
    SplittableRandom random = new SplittableRandom(20);
    long[] seq = new long[devices];
    try (KafkaProducer<byte[], byte[]> producer = AlarmLatencyBenchmark.producer(kafka)) {
      long start = System.nanoTime();
      for (int second = 0; second < WARM_UP_S + seconds; second++) {
        boolean measured = second >= WARM_UP_S;
        int spikeDevice = (second * 7919) % devices; // a device, and site, not spiked before
        int spikeSensor = random.nextInt(sensors);
        for (int slice = 0; slice < 100; slice++) {
          for (int d = slice; d < devices; d += 100) {
            Instant ts = Instant.ofEpochMilli(System.currentTimeMillis());
            for (int s = 0; s < sensors; s++) {
              boolean spike = d == spikeDevice && s == spikeSensor;
              double temp = spike ? SPIKE_C : NORMAL_C + random.nextInt(-2, 3) * 0.0625;
              Reading reading = Reading.ok("site-" + d, "pi-" + d, "t" + s, ++seq[d], ts, temp);
              String id =
                  spike
                      ? Alarm.idFor(reading.deviceId(), reading.sensorId(), AlarmKind.HIGH, ts)
                      : null;
              producer.send(
                  new ProducerRecord<>(
                      KafkaTopics.READINGS,
                      reading.deviceId().getBytes(StandardCharsets.UTF_8),
                      TelemetryCodec.encode(reading)),
                  (metadata, error) -> {
                    if (id != null && error == null) {
                      ackedAt.put(id, measured ? System.nanoTime() : -1L);
                    }
                  });
            }
          }
          long wait = start + (second * 100L + slice + 1) * 10_000_000L - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
      }
    }
  }

  /** The i-th mail stored arrived at the i-th time the inbox listener noted. */
  private static void matchMails(GreenMail smtp, List<Long> arrivals, Map<String, Long> mailAt)
      throws Exception {
    MimeMessage[] mails = smtp.getReceivedMessages();
    for (int i = 0; i < mails.length && i < arrivals.size(); i++) {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      mails[i].writeTo(raw);
      Matcher m = ALARM_ID.matcher(raw.toString(StandardCharsets.UTF_8));
      if (m.find()) {
        mailAt.putIfAbsent(m.group(), arrivals.get(i));
      }
    }
  }

  private static String webhookSecret() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
  }

  /** The benchmarks' discarding sinks, but the notification intents go to Kafka. */
  private record NotifyingSinks(Sinks production) implements Sinks {
    private DiscardingSinks discard() {
      return new DiscardingSinks(production);
    }

    @Override
    public Sink<StoredReading> readings() {
      return discard().readings();
    }

    @Override
    public Sink<StoredReading> canary() {
      return discard().canary();
    }

    @Override
    public Sink<SensorMetrics> metrics() {
      return discard().metrics();
    }

    @Override
    public Sink<Alarm> alarms() {
      return discard().alarms();
    }

    @Override
    public Sink<Notification> notifications() {
      return production.notifications();
    }

    @Override
    public Sink<Alarm> alarmEvents() {
      return production.alarmEvents();
    }

    @Override
    public Sink<DeviceView> devices() {
      return discard().devices();
    }

    @Override
    public Sink<InvalidRecord> invalidRecords() {
      return production.invalidRecords();
    }
  }
}
