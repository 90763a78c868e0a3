package io.heatwatch.model;

import java.util.Optional;

/** The MQTT topic tree of contract v1: {@code heatwatch/v1/{site}/{device}/{channel}}. */
public final class MqttTopics {
  /** First two levels of every heatwatch topic. */
  public static final String ROOT = "heatwatch/v1";

  /** Filter matching every device's readings. */
  public static final String ALL_READINGS = ROOT + "/+/+/readings";

  /** Filter matching every device's status. */
  public static final String ALL_STATUS = ROOT + "/+/+/status";

  private MqttTopics() {}

  /** The topic of one device's channel. */
  public static String topic(String site, String deviceId, Channel channel) {
    Check.segment("site", site);
    Check.segment("deviceId", deviceId);
    return ROOT + "/" + site + "/" + deviceId + "/" + channel.segment();
  }

  /**
   * The retained config topic of one sensor, {@code
   * heatwatch/v1/{site}/{device}/config/{sensorId}}: one retained message per sensor, because a
   * broker keeps only the last retained message of a topic and a device has several sensors.
   */
  public static String configTopic(String site, String deviceId, String sensorId) {
    Check.sensorId("sensorId", sensorId);
    return topic(site, deviceId, Channel.CONFIG) + "/" + sensorId;
  }

  /** The filter a device subscribes to for the config of all its sensors. */
  public static String configFilter(String site, String deviceId) {
    return topic(site, deviceId, Channel.CONFIG) + "/+";
  }

  /** Splits a topic of the contract; empty when the topic is not one. */
  public static Optional<Address> parse(String topic) {
    String[] parts = topic.split("/", -1);
    if (parts.length != 5 || !"heatwatch".equals(parts[0]) || !"v1".equals(parts[1])) {
      return Optional.empty();
    }
    Optional<Channel> channel = Channel.of(parts[4]);
    if (channel.isEmpty() || !Check.SEGMENT.matches(parts[2]) || !Check.SEGMENT.matches(parts[3])) {
      return Optional.empty();
    }
    return Optional.of(new Address(parts[2], parts[3], channel.get()));
  }

  /** The per-device channels. */
  public enum Channel {
    /** Uplink readings, QoS 1, not retained. */
    READINGS("readings", false),
    /** Uplink birth, heartbeat and Last Will, QoS 1, retained. */
    STATUS("status", true),
    /** Downlink alarm events, QoS 1, not retained. */
    ALARMS("alarms", false),
    /** Downlink thresholds, QoS 1, retained, one sub-topic per sensor ({@link #configTopic}). */
    CONFIG("config", true);

    private final String segment;
    private final boolean retained;

    Channel(String segment, boolean retained) {
      this.segment = segment;
      this.retained = retained;
    }

    /** The last topic level. */
    public String segment() {
      return segment;
    }

    /** Whether messages on this channel are published retained. */
    public boolean retained() {
      return retained;
    }

    static Optional<Channel> of(String segment) {
      for (Channel c : values()) {
        if (c.segment.equals(segment)) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }

  /** The parts of a parsed topic. */
  public record Address(String site, String deviceId, Channel channel) {}
}
