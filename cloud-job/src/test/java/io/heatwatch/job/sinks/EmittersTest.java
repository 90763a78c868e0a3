package io.heatwatch.job.sinks;

import static io.heatwatch.job.TestReadings.T0;
import static io.heatwatch.job.TestReadings.faulty;
import static io.heatwatch.job.TestReadings.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.heatwatch.job.device.DeviceView;
import io.heatwatch.job.model.SensorMetrics;
import io.heatwatch.job.model.StoredReading;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.DeviceStatus;
import io.heatwatch.model.Pipeline;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Versions;
import java.time.Instant;
import java.util.Map;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.script.ScriptType;
import org.junit.jupiter.api.Test;

class EmittersTest {

  @Test
  void namesDailyIndicesByTheUtcDayOfTheEventTime() {
    assertThat(IndexNames.readings(Instant.parse("2026-11-24T23:59:59.999Z")))
        .isEqualTo("heatwatch-readings-2026.11.24");
    assertThat(IndexNames.readings(Instant.parse("2026-11-25T00:00:00Z")))
        .isEqualTo("heatwatch-readings-2026.11.25");
    assertThat(IndexNames.metrics(Instant.parse("2027-01-02T10:00:00Z")))
        .isEqualTo("heatwatch-metrics-2027.01.02");
  }

  @Test
  void writesEveryReadingFieldTheTemplateMaps() {
    StoredReading stored =
        new StoredReading(
            ok("pi-a", "28-0316a2796aff", 7, 30, 21.4375).withBootId("boot-1"),
            true,
            Instant.parse("2026-11-24T10:00:31Z"));

    assertThat(ReadingEmitter.document(stored))
        .containsExactly(
            entry("site", "home"),
            entry("deviceId", "pi-a"),
            entry("sensorId", "28-0316a2796aff"),
            entry("seq", 7L),
            entry("ts", "2026-11-24T10:00:30Z"),
            entry("tempC", 21.4375),
            entry("quality", "OK"),
            entry("bootId", "boot-1"),
            entry("late", true),
            entry("ingestedAt", "2026-11-24T10:00:31Z"),
            entry("clockUnsynced", false));
  }

  @Test
  void marksAReadingTakenBeforeTheDeviceClockWasSynchronised() {
    StoredReading stored =
        new StoredReading(ok("pi-a", "t1", 9, 0, 20.0).withClockUnsynced(true), false, T0);

    assertThat(ReadingEmitter.document(stored)).containsEntry("clockUnsynced", true);
  }

  @Test
  void keepsAFaultyReadingWithoutAValue() {
    StoredReading stored =
        new StoredReading(faulty("pi-a", "t1", 8, 0, Quality.DISCONNECTED), false, T0);

    Map<String, Object> doc = ReadingEmitter.document(stored);

    assertThat(doc).containsEntry("quality", "DISCONNECTED").containsEntry("tempC", null);
  }

  @Test
  void writesEveryMetricsField() {
    SensorMetrics metrics =
        new SensorMetrics(
            "home",
            "pi-a",
            "t1",
            T0,
            T0.plusSeconds(60),
            3,
            20,
            24,
            22,
            1.5,
            T0,
            T0.plusSeconds(50));

    assertThat(MetricsEmitter.document(metrics))
        .containsOnlyKeys(
            "site",
            "deviceId",
            "sensorId",
            "windowStart",
            "windowEnd",
            "count",
            "min",
            "max",
            "avg",
            "stddev",
            "firstTs",
            "lastTs")
        .containsEntry("windowStart", "2026-11-24T10:00:00Z")
        .containsEntry("avg", 22.0);
  }

  @Test
  void writesTheHeartbeatsSensorCountsAndLastGoodReadIntoTheDeviceView() {
    DeviceStatus status =
        DeviceStatus.builder()
            .site("home")
            .deviceId("pi-a")
            .state(DeviceStatus.DeviceState.ONLINE)
            .ts(T0)
            .bootId("b1")
            .agentVersion("0.2.0")
            .outboxDepth(0L)
            .dropped(0L)
            .uptimeS(60L)
            .sensorsConfigured(2L)
            .sensorsSeen(1L)
            .lastGoodReadTs(T0.minusSeconds(30))
            .build();
    DeviceView view = new DeviceView("home", "pi-a", true, T0, status, T0);

    assertThat(DeviceEmitter.document(view))
        .containsEntry("sensorsConfigured", 2L)
        .containsEntry("sensorsSeen", 1L)
        .containsEntry("lastGoodReadTs", "2026-11-24T09:59:30Z");
  }

  @Test
  void createsCanaryReadingsInTheirOwnIndexWithTheReadingsId() {
    StoredReading stored =
        new StoredReading(
            ok(Pipeline.CANARY_DEVICE_ID, Pipeline.CANARY_SENSOR_ID, 7, 0, 20.0),
            false,
            T0.plusSeconds(1));

    IndexRequest request = CanaryEmitter.request(stored);

    assertThat(request.index()).isEqualTo("heatwatch-canary");
    assertThat(request.id()).isEqualTo(Pipeline.CANARY_DEVICE_ID + ":7");
    assertThat(request.opType()).isEqualTo(DocWriteRequest.OpType.CREATE);
    assertThat(request.sourceAsMap())
        .containsEntry("deviceId", Pipeline.CANARY_DEVICE_ID)
        .containsEntry("ingestedAt", "2026-11-24T10:00:01Z");
  }

  @Test
  void upsertsAlarmsByIdWithAScriptThatOnlyAppliesHigherVersions() {
    Alarm alarm =
        Alarm.builder()
            .v(Versions.V1)
            .alarmId(Alarm.idFor("pi-a", "t1", AlarmKind.HIGH, T0))
            .version(2)
            .site("home")
            .deviceId("pi-a")
            .sensorId("t1")
            .kind(AlarmKind.HIGH)
            .severity(Severity.WARNING)
            .state(AlarmState.CLEARED)
            .openedAt(T0)
            .updatedAt(T0.plusSeconds(60))
            .clearedAt(T0.plusSeconds(60))
            .value(30.0)
            .threshold(35.0)
            .message("back below")
            .build();

    UpdateRequest request = AlarmEmitter.request(alarm);

    assertThat(request.index()).isEqualTo(IndexNames.ALARMS);
    assertThat(request.id()).isEqualTo(alarm.alarmId());
    assertThat(request.script().getType()).isEqualTo(ScriptType.INLINE);
    assertThat(request.script().getLang()).isEqualTo("painless");
    assertThat(request.script().getIdOrCode()).isEqualTo(AlarmEmitter.APPLY_IF_NEWER);
    assertThat(request.script().getParams()).containsEntry("doc", AlarmEmitter.document(alarm));
    assertThat(request.upsertRequest().sourceAsMap())
        .containsEntry("version", 2)
        .containsEntry("state", "CLEARED")
        .containsEntry("clearedAt", "2026-11-24T10:01:00Z");
    assertThat(request.retryOnConflict()).isPositive();
  }
}
