package io.heatwatch.job.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.Alarm.AlarmKind;
import io.heatwatch.model.Alarm.AlarmState;
import io.heatwatch.model.Alarm.Severity;
import io.heatwatch.model.Versions;
import io.heatwatch.testkit.ElasticsearchExtension;
import io.heatwatch.testkit.ElasticsearchHttp;
import io.heatwatch.testkit.ElasticsearchServer;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.apache.http.HttpHost;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The alarm upserts against a real Elasticsearch, sent in bulk as the Flink sink sends them. */
@ExtendWith(ElasticsearchExtension.class)
class AlarmEmitterITCase {
  private static final Instant OPENED = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void keepsTheHighestVersionWhateverOrderVersionsArriveIn(ElasticsearchServer server)
      throws IOException {
    IndexTemplates.install(server.httpUrl());
    ElasticsearchHttp es = new ElasticsearchHttp(server.httpUrl());
    String sensor = "it-" + UUID.randomUUID().toString().substring(0, 8);
    String alarmId = Alarm.idFor("pi-it", sensor, AlarmKind.HIGH, OPENED);

    try (RestHighLevelClient client =
        new RestHighLevelClient(RestClient.builder(HttpHost.create(server.httpUrl())))) {
      bulk(client, alarm(sensor, 1, Severity.WARNING, AlarmState.OPEN));
      assertThat(source(es, alarmId).path("version").asLong()).isEqualTo(1);

      // a later version and an older one in the same bulk request, older last
      bulk(
          client,
          alarm(sensor, 3, Severity.CRITICAL, AlarmState.CLEARED),
          alarm(sensor, 2, Severity.CRITICAL, AlarmState.OPEN));
      // a replay of everything, as after a restore from a checkpoint
      bulk(
          client,
          alarm(sensor, 1, Severity.WARNING, AlarmState.OPEN),
          alarm(sensor, 2, Severity.CRITICAL, AlarmState.OPEN),
          alarm(sensor, 3, Severity.CRITICAL, AlarmState.CLEARED));
    }

    JsonNode doc = source(es, alarmId);
    assertThat(doc.path("version").asLong()).isEqualTo(3);
    assertThat(doc.path("state").asText()).isEqualTo("CLEARED");
    assertThat(doc.path("severity").asText()).isEqualTo("CRITICAL");
    assertThat(doc.path("clearedAt").asText()).isEqualTo("2026-11-24T10:03:00Z");
    assertThat(doc.path("alarmId").asText()).isEqualTo(alarmId);
  }

  private static void bulk(RestHighLevelClient client, Alarm... alarms) throws IOException {
    BulkRequest bulk = new BulkRequest();
    for (Alarm alarm : alarms) {
      bulk.add(AlarmEmitter.request(alarm));
    }
    BulkResponse response = client.bulk(bulk, RequestOptions.DEFAULT);
    assertThat(response.hasFailures()).as(response.buildFailureMessage()).isFalse();
  }

  private static JsonNode source(ElasticsearchHttp es, String alarmId) {
    return es.get(IndexNames.ALARMS, alarmId).path("_source");
  }

  private static Alarm alarm(String sensor, long version, Severity severity, AlarmState state) {
    Instant updated = OPENED.plusSeconds(60 * version);
    return Alarm.builder()
        .v(Versions.V1)
        .alarmId(Alarm.idFor("pi-it", sensor, AlarmKind.HIGH, OPENED))
        .version(version)
        .site("home")
        .deviceId("pi-it")
        .sensorId(sensor)
        .kind(AlarmKind.HIGH)
        .severity(severity)
        .state(state)
        .openedAt(OPENED)
        .updatedAt(updated)
        .clearedAt(state == AlarmState.CLEARED ? updated : null)
        .value(40.0 + version)
        .threshold(35.0)
        .message("version " + version)
        .build();
  }
}
