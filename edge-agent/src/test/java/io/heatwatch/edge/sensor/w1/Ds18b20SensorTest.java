package io.heatwatch.edge.sensor.w1;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.edge.log.CapturedLog;
import io.heatwatch.edge.log.ThrottledLog;
import io.heatwatch.edge.sensor.Sample;
import io.heatwatch.model.Quality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver against the exact files a Raspberry Pi kernel writes, broken ones included. */
class Ds18b20SensorTest {
  private static final String ID = "28-0316a2796aff";
  private static final String OK_2312 =
      "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n";
  private static final String CRC_NO =
      "72 01 4b 46 7f ff 0e 10 58 : crc=57 NO\n72 01 4b 46 7f ff 0e 10 58 t=23125\n";
  private static final String POWER_ON =
      "50 05 4b 46 7f ff 0c 10 1c : crc=1c YES\n50 05 4b 46 7f ff 0c 10 1c t=85000\n";
  private static final String ALL_FF =
      "ff ff ff ff ff ff ff ff ff : crc=c9 NO\nff ff ff ff ff ff ff ff ff t=-62\n";
  private static final String NEGATIVE =
      "5e ff 4b 46 7f ff 02 10 24 : crc=24 YES\n5e ff 4b 46 7f ff 02 10 24 t=-10125\n";
  private static final String REAL_85 =
      "50 05 4b 46 7f ff 10 10 d4 : crc=d4 YES\n50 05 4b 46 7f ff 10 10 d4 t=85000\n";

  @TempDir Path devices;
  private final List<Duration> waits = new ArrayList<>();

  private Ds18b20Sensor sensor(double calibration) {
    return new Ds18b20Sensor(devices, ID, calibration, 3, Duration.ofMillis(100), waits::add);
  }

  private void write(String content) throws Exception {
    Files.createDirectories(devices.resolve(ID));
    Files.writeString(devices.resolve(ID).resolve("w1_slave"), content);
  }

  private Sample read() {
    return sensor(0).read(Instant.EPOCH);
  }

  @Test
  void goodReadWithCalibration() throws Exception {
    write(OK_2312);
    assertThat(sensor(-0.125).read(Instant.EPOCH)).isEqualTo(new Sample(ID, 23.0, Quality.OK));
  }

  @Test
  void negativeTemperature() throws Exception {
    write(NEGATIVE);
    assertThat(read()).isEqualTo(new Sample(ID, -10.125, Quality.OK));
  }

  @Test
  void crcErrorIsRetriedWithDoublingBackoffThenReported() throws Exception {
    write(CRC_NO);
    assertThat(read()).isEqualTo(new Sample(ID, null, Quality.CRC_ERROR));
    assertThat(waits)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  void crcErrorThatRecoversOnRetryIsOk() throws Exception {
    write(CRC_NO);
    Ds18b20Sensor sensor =
        new Ds18b20Sensor(
            devices,
            ID,
            0,
            3,
            Duration.ofMillis(100),
            d -> {
              waits.add(d);
              try {
                write(OK_2312);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(sensor.read(Instant.EPOCH)).isEqualTo(new Sample(ID, 23.125, Quality.OK));
    assertThat(waits).hasSize(1);
  }

  @Test
  void powerOnResetValueIsFlagged() throws Exception {
    write(POWER_ON);
    assertThat(read()).isEqualTo(new Sample(ID, null, Quality.POWER_ON_RESET));
  }

  @Test
  void aRealEightyFiveDegreesIsNotMistakenForPowerOn() throws Exception {
    write(REAL_85);
    assertThat(read()).isEqualTo(new Sample(ID, 85.0, Quality.OK));
  }

  @Test
  void allOnesMeansDisconnectedWithoutRetries() throws Exception {
    write(ALL_FF);
    assertThat(read().quality()).isEqualTo(Quality.DISCONNECTED);
    assertThat(waits).isEmpty();
  }

  @Test
  void vanishedSensorIsDisconnected() {
    assertThat(read()).isEqualTo(new Sample(ID, null, Quality.DISCONNECTED));
  }

  /** A sensor missing from the bus fails on every tick: its first fault, then a line a minute. */
  @Test
  void aFaultOnEveryTickIsLoggedFirstThenOnceAMinuteWithTheCount() {
    CapturedLog log = new CapturedLog();
    AtomicLong nanos = new AtomicLong();
    Ds18b20Sensor sensor =
        new Ds18b20Sensor(
            devices,
            ID,
            0,
            3,
            Duration.ofMillis(100),
            waits::add,
            new ThrottledLog(log, "sensor " + ID + ": not OK", nanos::get));
    for (int tick = 0; tick < 6; tick++) {
      assertThat(sensor.read(Instant.EPOCH).quality()).isEqualTo(Quality.DISCONNECTED);
      nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    }
    assertThat(log.lines)
        .singleElement()
        .asString()
        .startsWith("WARN sensor " + ID + ": not OK: DISCONNECTED");
    sensor.read(Instant.EPOCH);
    assertThat(log.lines).hasSize(2);
    assertThat(log.lines.get(1)).contains("6 more in the last minute (7 in all)");
  }

  @Test
  void outOfRangeKeepsTheValue() throws Exception {
    write("90 07 4b 46 7f ff 10 10 aa : crc=aa YES\n90 07 4b 46 7f ff 10 10 aa t=130000\n");
    assertThat(read()).isEqualTo(new Sample(ID, 130.0, Quality.OUT_OF_RANGE));
  }

  @Test
  void aCalibratedValueOutsideTheSensorsRangeIsOutOfRange() throws Exception {
    // The shipped example's -0.125 °C takes a raw -54.937 °C below -55.
    write("11 fc 4b 46 7f ff 0f 10 aa : crc=aa YES\n11 fc 4b 46 7f ff 0f 10 aa t=-54937\n");
    assertThat(sensor(-0.125).read(Instant.EPOCH))
        .isEqualTo(new Sample(ID, -55.062, Quality.OUT_OF_RANGE));
    write("cd 07 4b 46 7f ff 03 10 aa : crc=aa YES\ncd 07 4b 46 7f ff 03 10 aa t=124812\n");
    assertThat(sensor(0.5).read(Instant.EPOCH))
        .isEqualTo(new Sample(ID, 125.312, Quality.OUT_OF_RANGE));
    assertThat(sensor(-0.5).read(Instant.EPOCH)).isEqualTo(new Sample(ID, 124.312, Quality.OK));
  }

  @Test
  void aValueNoThermometerCanHoldHasNoValue() throws Exception {
    write("00 80 4b 46 7f ff 10 10 aa : crc=aa YES\n00 80 4b 46 7f ff 10 10 aa t=-400000\n");
    assertThat(read()).isEqualTo(new Sample(ID, null, Quality.OUT_OF_RANGE));
    write("00 80 4b 46 7f ff 10 10 aa : crc=aa YES\n00 80 4b 46 7f ff 10 10 aa t=99999999999\n");
    assertThat(read()).isEqualTo(new Sample(ID, null, Quality.CRC_ERROR));
  }

  @Test
  void garbledFileIsACrcErrorNotACrash() throws Exception {
    write("72 01 4b\n");
    assertThat(read().quality()).isEqualTo(Quality.CRC_ERROR);
    write("");
    assertThat(read().quality()).isEqualTo(Quality.CRC_ERROR);
  }

  @Test
  void busDiscoversOnlyDs18b20sAndSeesChanges() throws Exception {
    W1Bus bus = new W1Bus(devices);
    assertThat(bus.discover()).isEmpty();
    write(OK_2312);
    Files.createDirectories(devices.resolve("w1_bus_master1"));
    Files.createDirectories(devices.resolve("10-000802e6b1c2"));
    assertThat(bus.discover()).containsExactly(ID);
    Files.createDirectories(devices.resolve("28-000000000001"));
    assertThat(bus.discover()).containsExactly("28-000000000001", ID);
  }

  @Test
  void bulkConversionIsTriggeredWhereOffered() throws Exception {
    Path master = Files.createDirectories(devices.resolve("w1_bus_master1"));
    Files.writeString(master.resolve("therm_bulk_read"), "0\n");
    assertThat(new W1Bus(devices).triggerBulkConversion()).isEqualTo(1);
    assertThat(Files.readString(master.resolve("therm_bulk_read"))).isEqualTo("trigger\n");
    assertThat(new W1Bus(devices.resolve("absent")).triggerBulkConversion()).isZero();
  }
}
