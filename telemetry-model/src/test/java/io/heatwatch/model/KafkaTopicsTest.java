package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {

  @Test
  void onlyStatusConfigAndTheDeliveryLogAreCompacted() {
    assertThat(KafkaTopics.COMPACTED)
        .containsExactlyInAnyOrder(
            "heatwatch.device-status",
            "heatwatch.sensor-config",
            "heatwatch.notification-log",
            "heatwatch.notifier-settings");
  }

  @Test
  void everyTopicIsEitherCompactedOrAppendOnly() throws IllegalAccessException {
    List<String> names = new ArrayList<>();
    for (Field f : KafkaTopics.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        names.add((String) f.get(null));
      }
    }
    List<String> all = new ArrayList<>(KafkaTopics.COMPACTED);
    all.addAll(KafkaTopics.APPEND_ONLY);

    assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(names);
    assertThat(names)
        .contains(
            "heatwatch.readings",
            "heatwatch.alarms",
            "heatwatch.alarm-commands",
            "heatwatch.readings.dlq",
            "heatwatch.readings.invalid",
            "temperature_msg");
  }
}
