package io.heatwatch.job.sinks;

import io.heatwatch.model.Alarm;
import io.heatwatch.model.TelemetryCodec;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.script.Script;
import org.elasticsearch.script.ScriptType;

/**
 * Upserts an alarm's document by {@code alarmId}, applying a version only if it is higher than the
 * stored one.
 *
 * <p>External versioning would do the same but answers an older version with a conflict, which the
 * job's writer would dead-letter as a refused document; the script answers it with a no-op instead,
 * so replays and out-of-order versions neither regress the document nor fail their bulk item.
 */
public final class AlarmEmitter implements ElasticsearchEmitter<Alarm> {
  private static final long serialVersionUID = 1L;

  /** Replaces the document only with a higher version. */
  static final String APPLY_IF_NEWER =
      "if (ctx._source.version == null || params.doc.version > ctx._source.version) {"
          + " ctx._source.clear(); ctx._source.putAll(params.doc); }"
          + " else { ctx.op = 'noop'; }";

  // Two writers never share an alarm (it is keyed upstream), but a retried bulk can race itself.
  private static final int RETRY_ON_CONFLICT = 3;

  @Override
  public void emit(Alarm alarm, SinkWriter.Context context, RequestIndexer indexer) {
    indexer.add(request(alarm));
  }

  /** The update request for {@code alarm}. */
  static UpdateRequest request(Alarm alarm) {
    Map<String, Object> doc = document(alarm);
    Map<String, Object> params = new HashMap<>();
    params.put("doc", doc);
    return new UpdateRequest(IndexNames.ALARMS, alarm.alarmId())
        .script(new Script(ScriptType.INLINE, "painless", APPLY_IF_NEWER, params))
        .upsert(doc)
        .retryOnConflict(RETRY_ON_CONFLICT);
  }

  /**
   * The document's fields, as mapped by {@code index-templates/heatwatch-alarms.json}: the alarm's
   * JSON, as the watchdog stores its PIPELINE_STALLED alarms too.
   */
  static Map<String, Object> document(Alarm alarm) {
    return TelemetryCodec.fields(alarm);
  }
}
