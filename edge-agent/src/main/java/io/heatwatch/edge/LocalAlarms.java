package io.heatwatch.edge;

import io.heatwatch.edge.gpio.Actuators;
import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.model.Alarm;
import io.heatwatch.model.InvalidPayloadException;
import io.heatwatch.model.MqttTopics.Channel;
import io.heatwatch.model.Quality;
import io.heatwatch.model.SensorConfig;
import io.heatwatch.model.TelemetryCodec;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the LED and buzzer: on while the cloud reports an open alarm for this device, or while a
 * sensor has stayed beyond the thresholds the cloud last sent (retained on the config topic; a
 * profile's thresholds, alarm delay and defrost tolerance where the config names one, {@link
 * LocalLimits}) — the local check keeps working while the cloud is unreachable. Also power-cycles a
 * bus whose every sensor failed on {@code hungAfter} consecutive ticks, and a bus that went empty
 * (the kernel dropped every slave) after sensors were seen on it.
 */
public final class LocalAlarms {
  private static final Logger LOG = LoggerFactory.getLogger(LocalAlarms.class);

  private final Actuators actuators;
  private final int hungAfter;
  private final Clock clock;
  private final Map<String, LocalLimits> thresholds = new ConcurrentHashMap<>();

  /** Since when (epoch ms) each sensor has been beyond its limits without a break. */
  private final Map<String, Long> beyondSince = new ConcurrentHashMap<>();

  private final Set<String> cloudAlarms = ConcurrentHashMap.newKeySet();
  private final Set<String> localAlarms = ConcurrentHashMap.newKeySet();
  private int failedTicks;
  private boolean sensorsSeen;
  private boolean on;

  /**
   * @param actuators the outputs
   * @param hungAfter ticks with every sensor failing before the bus is power-cycled, 0 for never
   * @param clock times how long a sensor has been beyond its thresholds
   */
  public LocalAlarms(Actuators actuators, int hungAfter, Clock clock) {
    this.actuators = actuators;
    this.hungAfter = hungAfter;
    this.clock = clock;
  }

  /** A downlink message; malformed ones are logged and ignored. */
  void downlink(Channel channel, byte[] payload) {
    try {
      if (channel == Channel.CONFIG) {
        SensorConfig config = TelemetryCodec.decodeSensorConfig(payload);
        thresholds.put(config.sensorId(), LocalLimits.of(config));
        LOG.info(
            "thresholds for {}: high {} low {}", config.sensorId(), config.highC(), config.lowC());
      } else if (channel == Channel.ALARMS) {
        Alarm alarm = TelemetryCodec.decodeAlarm(payload);
        if (alarm.state() == Alarm.AlarmState.CLEARED) {
          cloudAlarms.remove(alarm.alarmId());
        } else {
          cloudAlarms.add(alarm.alarmId());
        }
        LOG.info("cloud alarm {} {} on {}", alarm.alarmId(), alarm.state(), alarm.sensorId());
      }
    } catch (InvalidPayloadException e) {
      LOG.warn("ignored a malformed {} downlink message: {}", channel, e.getMessage());
    }
    update();
  }

  /** The samples of one tick. */
  void samples(List<Sample> samples) {
    // An empty tick after sensors were seen is a bus whose kernel dropped every slave: it fails
    // like a bus whose every sensor fails, and is power-cycled the same way.
    sensorsSeen |= !samples.isEmpty();
    boolean allFailed = sensorsSeen;
    for (Sample sample : samples) {
      if (sample.quality() == Quality.OK) {
        allFailed = false;
        check(sample.sensorId(), sample.tempC());
      }
    }
    failedTicks = allFailed ? failedTicks + 1 : 0;
    if (hungAfter > 0 && failedTicks >= hungAfter) {
      failedTicks = 0;
      actuators.powerCycleSensors();
    }
    update();
  }

  private void check(String sensorId, double t) {
    LocalLimits limits = thresholds.get(sensorId);
    if (limits != null && limits.beyond(t)) {
      long now = clock.millis();
      long since = beyondSince.computeIfAbsent(sensorId, id -> now);
      if (now - since >= limits.delayAt(t)) {
        localAlarms.add(sensorId);
      }
      return;
    }
    beyondSince.remove(sensorId);
    if (limits == null || limits.within(t)) {
      localAlarms.remove(sensorId);
    }
  }

  /** Whether the LED and buzzer are on. */
  synchronized boolean active() {
    return on;
  }

  private synchronized void update() {
    boolean want = !cloudAlarms.isEmpty() || !localAlarms.isEmpty();
    if (want != on) {
      on = want;
      actuators.alarm(on);
      LOG.info(
          "alarm outputs {} (cloud {}, local {})", on ? "ON" : "off", cloudAlarms, localAlarms);
    }
  }
}
