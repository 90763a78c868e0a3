package io.heatwatch.notifier;

import io.heatwatch.model.KafkaTopics;
import io.heatwatch.testkit.KafkaServer;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the notifier's ITs run it between: its topics on the JVM's Kafka, the mail and webhook
 * receivers, and a producer to write intents and settings with. Closing it closes the receivers and
 * the producer.
 */
final class NotifierStack implements AutoCloseable {
  private final Receivers receivers;
  private final KafkaProducer<String, byte[]> producer;

  private NotifierStack(Receivers receivers, KafkaProducer<String, byte[]> producer) {
    this.receivers = receivers;
    this.producer = producer;
  }

  /** Creates the notifier's topics (if they are not there yet) and starts the receivers. */
  static NotifierStack start(KafkaServer kafka) throws Exception {
    kafka.createTopics(1, KafkaTopics.NOTIFICATIONS, KafkaTopics.ALARMS);
    kafka.createCompactedTopic(KafkaTopics.NOTIFICATION_LOG, 1);
    kafka.createCompactedTopic(KafkaTopics.NOTIFIER_SETTINGS, 1);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return new NotifierStack(
        new Receivers(), new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()));
  }

  Receivers receivers() {
    return receivers;
  }

  KafkaProducer<String, byte[]> producer() {
    return producer;
  }

  @Override
  public void close() {
    producer.close();
    receivers.close();
  }
}
