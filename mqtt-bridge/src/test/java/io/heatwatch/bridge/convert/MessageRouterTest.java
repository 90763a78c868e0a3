package io.heatwatch.bridge.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.Reading;
import io.heatwatch.model.TelemetryCodec;
import io.heatwatch.model.Versions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageRouterTest {
  private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.125Z");
  private final MessageRouter router =
      new MessageRouter(
          Map.of("readings", "readings", "status", "status", "events", "events"), 3, "dlq", 1024);

  private static InboundMessage message(String topic, byte[] payload) {
    return new InboundMessage(topic, payload, 1, false, 7, List.of(), NOW);
  }

  private static byte[] reading(String site, String device) {
    return TelemetryCodec.encode(Reading.ok(site, device, "28-0316a2796aff", 1, NOW, 21.5));
  }

  @Test
  void readingGoesToReadingsKeyedByDevice() {
    Routed route =
        router.route(message("heatwatch/v1/home/pi-1/readings", reading("home", "pi-1")));
    assertThat(route).isEqualTo(new Routed("readings", "pi-1", null));
  }

  @Test
  void batchOfReadingsIsAccepted() {
    byte[] batch =
        TelemetryCodec.encode(
            List.of(
                Reading.ok("home", "pi-1", "s1", 1, NOW, 20.0),
                Reading.ok("home", "pi-1", "s1", 2, NOW, 20.5)));
    assertThat(router.route(message("heatwatch/v1/home/pi-1/readings", batch)).rejected())
        .isFalse();
  }

  @Test
  void statusGoesToStatusTopic() {
    byte[] status =
        TelemetryCodec.encode(
            new DeviceStatus(
                Versions.V1,
                "home",
                "pi-1",
                DeviceStatus.DeviceState.ONLINE,
                NOW,
                null,
                "1.0",
                0L,
                0L,
                5L,
                null));
    assertThat(router.route(message("heatwatch/v1/home/pi-1/status", status)))
        .isEqualTo(new Routed("status", "pi-1", null));
  }

  @Test
  void malformedJsonIsDeadLetteredWithReason() {
    Routed route =
        router.route(
            message(
                "heatwatch/v1/home/pi-1/readings", "{not json".getBytes(StandardCharsets.UTF_8)));
    assertThat(route.topic()).isEqualTo("dlq");
    assertThat(route.key()).isEqualTo("pi-1");
    assertThat(route.rejectReason()).contains("not valid JSON");
  }

  @Test
  void invalidFieldIsDeadLetteredNamingTheField() {
    String bad =
        "{\"v\":1,\"site\":\"home\",\"deviceId\":\"pi-1\",\"sensorId\":\"s1\",\"seq\":-4,"
            + "\"ts\":\"2026-11-24T10:15:30Z\",\"tempC\":21.0,\"quality\":\"OK\"}";
    Routed route =
        router.route(
            message("heatwatch/v1/home/pi-1/readings", bad.getBytes(StandardCharsets.UTF_8)));
    assertThat(route.rejectReason()).contains("seq").contains("-4");
  }

  @Test
  void oversizedPayloadIsDeadLettered() {
    Routed route = router.route(message("heatwatch/v1/home/pi-1/readings", new byte[2048]));
    assertThat(route.rejectReason()).contains("2048 bytes exceeds 1024");
  }

  @Test
  void topicOutsideTheTreeIsDeadLetteredWithoutKey() {
    Routed route = router.route(message("other/thing", reading("home", "pi-1")));
    assertThat(route.topic()).isEqualTo("dlq");
    assertThat(route.key()).isNull();
  }

  @Test
  void readingOfAnotherDeviceIsRejected() {
    Routed route =
        router.route(message("heatwatch/v1/home/pi-1/readings", reading("home", "pi-2")));
    assertThat(route.rejectReason()).contains("pi-2").contains("pi-1");
  }

  @Test
  void nonContractSuffixPassesThroughUnvalidated() {
    Routed route =
        router.route(
            message("plant/7/line/press-2/events", "free text".getBytes(StandardCharsets.UTF_8)));
    assertThat(route).isEqualTo(new Routed("events", "press-2", null));
  }

  @Test
  void suffixWithoutRouteIsDeadLettered() {
    Routed route = router.route(message("heatwatch/v1/home/pi-1/debug", reading("home", "pi-1")));
    assertThat(route.topic()).isEqualTo("dlq");
    assertThat(route.rejectReason()).contains("no route").contains("debug");
  }

  @Test
  void contractSuffixOutsideTheTreeIsValidatedAndRejected() {
    Routed route = router.route(message("elsewhere/v9/a/b/readings", reading("home", "pi-1")));
    assertThat(route.rejectReason()).contains("heatwatch/v1/{site}/{device}/{channel}");
  }

  @Test
  void keyComesFromTheConfiguredSegment() {
    MessageRouter bySite = new MessageRouter(Map.of("readings", "r"), 2, "dlq", 1024);
    Routed route =
        bySite.route(message("heatwatch/v1/home/pi-1/readings", reading("home", "pi-1")));
    assertThat(route).isEqualTo(new Routed("r", "home", null));
  }

  @Test
  void downlinkChannelIsRejected() {
    Routed route = router.route(message("heatwatch/v1/home/pi-1/alarms", reading("home", "pi-1")));
    assertThat(route.rejectReason()).contains("downlink");
  }
}
