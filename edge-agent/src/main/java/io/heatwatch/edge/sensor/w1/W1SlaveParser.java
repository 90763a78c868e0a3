package io.heatwatch.edge.sensor.w1;

import io.heatwatch.model.Limits;
import io.heatwatch.model.Quality;
import io.heatwatch.model.Reading;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the two lines the kernel's w1_therm driver writes to {@code w1_slave}:
 *
 * <pre>
 * 72 01 4b 46 7f ff 0e 10 57 : crc=57 YES
 * 72 01 4b 46 7f ff 0e 10 57 t=23125
 * </pre>
 */
final class W1SlaveParser {
  private static final Pattern CRC_LINE =
      Pattern.compile("((?:[0-9a-f]{2} ){9}): crc=[0-9a-f]{2} (YES|NO)");
  private static final Pattern TEMP_LINE = Pattern.compile("(?:[0-9a-f]{2} ){9}t=(-?\\d+)");
  private static final String ALL_FF = "ff ff ff ff ff ff ff ff ff ";
  private static final String ALL_ZERO = "00 00 00 00 00 00 00 00 00 ";
  private static final int POWER_ON_RESET_MILLI_C = 85_000;
  // A DS18B20 that never converted holds its reset scratchpad: 0x0550 (85 °C) in bytes 0-1 and
  // 0x0c in byte 6 (COUNT REMAIN); a real 85 °C conversion leaves another byte 6.
  private static final String POWER_ON_TEMP_BYTES = "50 05 ";
  private static final String POWER_ON_BYTE_6 = "0c";

  private W1SlaveParser() {}

  /**
   * What a {@code w1_slave} text says.
   *
   * @param quality the reading's quality
   * @param tempC the value in °C when there is one
   * @param crcFailed whether the CRC check failed (worth a retry)
   * @param detail what was wrong, for the log, {@code null} when OK
   */
  public record Parsed(Quality quality, Double tempC, boolean crcFailed, String detail) {}

  /** Parses one read; never throws, a garbled file becomes a CRC error with a detail. */
  public static Parsed parse(String text) {
    String[] lines = text.strip().split("\n");
    if (lines.length != 2) {
      return crcError("expected 2 lines, got " + lines.length + ": " + shorten(text));
    }
    Matcher crc = CRC_LINE.matcher(lines[0].strip());
    Matcher temp = TEMP_LINE.matcher(lines[1].strip());
    if (!crc.matches() || !temp.matches()) {
      return crcError("unreadable w1_slave: " + shorten(text));
    }
    String scratchpad = crc.group(1);
    if (scratchpad.equals(ALL_FF) || scratchpad.equals(ALL_ZERO)) {
      return new Parsed(
          Quality.DISCONNECTED, null, false, "no answer on the bus (" + scratchpad.strip() + ")");
    }
    if (crc.group(2).equals("NO")) {
      return crcError("crc=NO for " + scratchpad.strip());
    }
    int milliC;
    try {
      milliC = Integer.parseInt(temp.group(1));
    } catch (NumberFormatException e) {
      return crcError("temperature beyond any sensor: " + shorten(text));
    }
    if (milliC == POWER_ON_RESET_MILLI_C
        && scratchpad.startsWith(POWER_ON_TEMP_BYTES)
        && scratchpad.substring(18, 20).equals(POWER_ON_BYTE_6)) {
      return new Parsed(Quality.POWER_ON_RESET, null, false, "85.000 °C power-on value");
    }
    double celsius = milliC / 1000.0;
    if (celsius < Reading.MIN_C || celsius > Reading.MAX_C) {
      // The contract keeps a value only where a temperature can be (and a float can hold it).
      boolean physical = celsius >= Limits.MIN_TEMP_C && celsius <= Limits.MAX_TEMP_C;
      return new Parsed(
          Quality.OUT_OF_RANGE, physical ? celsius : null, false, celsius + " °C outside −55..125");
    }
    return new Parsed(Quality.OK, celsius, false, null);
  }

  private static Parsed crcError(String detail) {
    return new Parsed(Quality.CRC_ERROR, null, true, detail);
  }

  private static String shorten(String text) {
    String oneLine = text.replace('\n', '|');
    return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
  }
}
