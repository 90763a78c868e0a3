package io.heatwatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The "bad input" table of {@code docs/reliability.md} names, for every class of bad input, the
 * tests that prove where it ends up: each named test class exists and has the named method.
 */
class BadInputTableTest {
  private static final Path ROOT = Path.of("..");
  private static final Path DOC = ROOT.resolve("docs").resolve("reliability.md");
  private static final Pattern TEST_REF =
      Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|IT|ITCase))(?:\\.([a-zA-Z0-9_]+))?`");

  @Test
  void everyTestTheTableNamesExists() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String table =
        doc.substring(
            doc.indexOf("<!-- bad-input:begin -->"), doc.indexOf("<!-- bad-input:end -->"));
    Map<String, Path> tests = testSources();
    List<String> missing = new ArrayList<>();
    int rows = 0;
    for (String line : table.split("\n")) {
      if (!line.startsWith("| ") || line.startsWith("| input") || line.startsWith("|---")) {
        continue;
      }
      rows++;
      Matcher ref = TEST_REF.matcher(line);
      boolean any = false;
      while (ref.find()) {
        any = true;
        Path source = tests.get(ref.group(1));
        if (source == null) {
          missing.add(ref.group(1));
        } else if (ref.group(2) != null
            && !Files.readString(source, StandardCharsets.UTF_8)
                .contains(" " + ref.group(2) + "(")) {
          missing.add(ref.group(1) + "." + ref.group(2));
        }
      }
      if (!any) {
        missing.add("row without a test: " + line);
      }
    }
    assertThat(rows).as("rows of the bad-input table").isGreaterThan(15);
    assertThat(missing).as("tests the table names that do not exist").isEmpty();
  }

  private static Map<String, Path> testSources() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT, 12)) {
      return files
          .filter(p -> p.toString().contains("/src/test/java/") && p.toString().endsWith(".java"))
          .filter(p -> !p.toString().contains("/target/"))
          .collect(
              Collectors.toMap(
                  p -> p.getFileName().toString().replace(".java", ""), p -> p, (a, b) -> a));
    }
  }
}
