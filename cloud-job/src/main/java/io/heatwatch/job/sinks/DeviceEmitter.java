package io.heatwatch.job.sinks;

import io.heatwatch.job.device.DeviceView;
import io.heatwatch.model.DeviceStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.index.IndexRequest;

/** Replaces a device's document in {@code heatwatch-devices}, {@code _id = deviceId}. */
public final class DeviceEmitter implements ElasticsearchEmitter<DeviceView> {
  private static final long serialVersionUID = 1L;

  @Override
  public void emit(DeviceView view, SinkWriter.Context context, RequestIndexer indexer) {
    indexer.add(new IndexRequest(IndexNames.DEVICES).id(view.deviceId()).source(document(view)));
  }

  /** The document's fields, as mapped by {@code index-templates/heatwatch-devices.json}. */
  static Map<String, Object> document(DeviceView view) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("site", view.site());
    doc.put("deviceId", view.deviceId());
    doc.put("state", view.online() ? "ONLINE" : "OFFLINE");
    doc.put("lastSeen", view.lastSeen().toString());
    doc.put("updatedAt", view.updatedAt().toString());
    DeviceStatus status = view.status();
    if (status != null) {
      doc.put("ts", status.ts().toString());
      doc.put("bootId", status.bootId());
      doc.put("agentVersion", status.agentVersion());
      doc.put("outboxDepth", status.outboxDepth());
      doc.put("dropped", status.dropped());
      doc.put("uptimeS", status.uptimeS());
      doc.put("cpuTempC", status.cpuTempC());
      // The agent's own view of its sensors, from heartbeats that carry it (absent before).
      putIfSet(doc, "sensorsConfigured", status.sensorsConfigured());
      putIfSet(doc, "sensorsSeen", status.sensorsSeen());
      putIfSet(
          doc,
          "lastGoodReadTs",
          status.lastGoodReadTs() == null ? null : status.lastGoodReadTs().toString());
    }
    return doc;
  }

  private static void putIfSet(Map<String, Object> doc, String field, Object value) {
    if (value != null) {
      doc.put(field, value);
    }
  }
}
