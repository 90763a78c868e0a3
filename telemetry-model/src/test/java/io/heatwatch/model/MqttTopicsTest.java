package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.MqttTopics.Address;
import io.heatwatch.model.MqttTopics.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class MqttTopicsTest {

  @Test
  void topicOfEachChannel() {
    assertThat(MqttTopics.topic("home", "pi-kitchen", Channel.READINGS))
        .isEqualTo("heatwatch/v1/home/pi-kitchen/readings");
    assertThat(MqttTopics.topic("home", "pi-kitchen", Channel.STATUS))
        .isEqualTo("heatwatch/v1/home/pi-kitchen/status");
    assertThat(MqttTopics.topic("home", "pi-kitchen", Channel.ALARMS))
        .isEqualTo("heatwatch/v1/home/pi-kitchen/alarms");
    assertThat(MqttTopics.topic("home", "pi-kitchen", Channel.CONFIG))
        .isEqualTo("heatwatch/v1/home/pi-kitchen/config");
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void parseReadsWhatTopicWrites(Channel channel) {
    String topic = MqttTopics.topic("site-7", "pi-0", channel);

    assertThat(MqttTopics.parse(topic)).contains(new Address("site-7", "pi-0", channel));
  }

  @Test
  void statusAndConfigAreRetainedReadingsAndAlarmsAreNot() {
    assertThat(Channel.STATUS.retained()).isTrue();
    assertThat(Channel.CONFIG.retained()).isTrue();
    assertThat(Channel.READINGS.retained()).isFalse();
    assertThat(Channel.ALARMS.retained()).isFalse();
  }

  @Test
  void wildcardFiltersCoverEveryDevice() {
    assertThat(MqttTopics.ALL_READINGS).isEqualTo("heatwatch/v1/+/+/readings");
    assertThat(MqttTopics.ALL_STATUS).isEqualTo("heatwatch/v1/+/+/status");
  }

  @Test
  void topicRejectsABadSegmentNamingIt() {
    InvalidPayloadException site =
        Rejection.of(() -> MqttTopics.topic("Home", "pi", Channel.READINGS));
    InvalidPayloadException device =
        Rejection.of(() -> MqttTopics.topic("home", "pi/+", Channel.READINGS));

    assertThat(site.field()).isEqualTo("site");
    assertThat(site.getMessage()).contains("\"Home\"");
    assertThat(device.field()).isEqualTo("deviceId");
    assertThat(device.getMessage()).contains("\"pi/+\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hw/v1/home/pi/readings", // wrong root
        "Heatwatch/v1/home/pi/readings", // root is case-sensitive
        "heatwatch/v2/home/pi/readings", // wrong version
        "heatwatch/V1/home/pi/readings",
        "heatwatch/v1/Home/pi/readings", // bad site
        "heatwatch/v1/home/pi_kitchen/readings", // bad device
        "heatwatch/v1//pi/readings", // empty site
        "heatwatch/v1/home/+/readings", // a filter, not a topic
        "heatwatch/v1/home/pi/telemetry", // unknown channel
        "heatwatch/v1/home/pi/Readings",
        "heatwatch/v1/home/pi/readings/extra", // extra level
        "heatwatch/v1/home/pi/readings/", // trailing slash
        "/heatwatch/v1/home/pi/readings", // leading slash
        "heatwatch/v1/home/pi", // too few levels
        ""
      })
  void parseRejectsTopicsOutsideTheContract(String topic) {
    assertThat(MqttTopics.parse(topic)).isEmpty();
  }
}
