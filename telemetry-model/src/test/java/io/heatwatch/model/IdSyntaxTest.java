package io.heatwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.heatwatch.model.Check.IdSyntax;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The lookup-table id checks accept exactly what their regex (also in the JSON Schemas) does. */
class IdSyntaxTest {
  private static final String ALPHABET = "az09AZ-._/ +#é\u0000" + "bcdxyz12345678BCDXY";

  @Test
  void segmentAgreesWithItsRegex() {
    agree(Check.SEGMENT);
  }

  @Test
  void sensorIdAgreesWithItsRegex() {
    agree(Check.SENSOR_ID);
  }

  private static void agree(IdSyntax syntax) {
    Pattern regex = Pattern.compile(syntax.pattern());
    SplittableRandom random = new SplittableRandom(11);
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      int length = random.nextInt(5) == 0 ? random.nextInt(60, 70) : random.nextInt(0, 8);
      StringBuilder value = new StringBuilder();
      for (int c = 0; c < length; c++) {
        value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      boolean expected = regex.matcher(value).matches();
      assertThat(syntax.matches(value.toString())).as("'%s'", value).isEqualTo(expected);
      accepted += expected ? 1 : 0;
    }
    assertThat(accepted).as("the sample holds accepted ids too").isGreaterThan(1000);
  }
}
