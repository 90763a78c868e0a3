package io.heatwatch.job.site;

import io.heatwatch.job.device.DeviceView;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.AlarmCommand;
import io.heatwatch.model.Pipeline;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SITE_UNREACHABLE, keyed by site, from the devices' views ({@code DeviceOfflineDetector.DEVICES}):
 * every change of a device's online state reaches it, so it needs no timer of its own. The
 * heatwatch's own devices (canary, pipeline) are not counted. Operators' commands on the site's
 * alarm ({@code CommandRouter.SITE}, keyed by the site) acknowledge or resolve it.
 */
public final class SiteUnreachableDetector
    extends KeyedCoProcessFunction<String, DeviceView, AlarmCommand, Alarm> {
  private static final Logger LOG = LoggerFactory.getLogger(SiteUnreachableDetector.class);
  private static final long serialVersionUID = 1L;

  private final SiteOutageRule rule;
  private transient ValueState<SiteState> state;
  private transient MapState<String, Boolean> online;

  public SiteUnreachableDetector(SiteOutageRule rule) {
    this.rule = rule;
  }

  @Override
  public void open(OpenContext openContext) {
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("site-state", TypeInformation.of(SiteState.class)));
    online =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>("site-devices-online", Types.STRING, Types.BOOLEAN));
  }

  @Override
  public void processElement1(DeviceView view, Context ctx, Collector<Alarm> out) throws Exception {
    if (Pipeline.isReserved(view.deviceId())) {
      return;
    }
    SiteState s = state.value();
    if (s == null) {
      s = new SiteState();
    }
    Boolean before = online.get(view.deviceId());
    if (before != null && before == view.online()) {
      return; // a refreshed view: nothing changed
    }
    online.put(view.deviceId(), view.online());
    Alarm changed =
        SiteOutages.update(s, rule, view.site(), before, view.online(), view.updatedAt());
    state.update(s);
    if (changed != null) {
      out.collect(changed);
    }
  }

  @Override
  public void processElement2(AlarmCommand command, Context ctx, Collector<Alarm> out)
      throws Exception {
    SiteState s = state.value();
    Alarm changed = s == null ? null : SiteOutages.command(s, command);
    if (changed == null) {
      LOG.warn(
          "alarm command {} {} by {} ignored: no such active alarm of site {} (or already"
              + " acknowledged)",
          command.action(),
          command.alarmId(),
          command.by(),
          ctx.getCurrentKey());
      return;
    }
    state.update(s);
    out.collect(changed);
  }
}
