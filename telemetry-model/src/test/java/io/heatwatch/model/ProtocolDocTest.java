package io.heatwatch.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The examples in {@code docs/protocol.md} are golden files, so they cannot drift from the code.
 */
class ProtocolDocTest {
  private static final Path DOC = Path.of("..", "docs", "protocol.md");
  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJsonExampleIsAGoldenFile() throws IOException {
    List<JsonNode> golden = new ArrayList<>();
    for (String file : Golden.validFiles()) {
      golden.add(Golden.tree(Golden.valid(file)));
    }
    Matcher blocks = JSON_BLOCK.matcher(Files.readString(DOC, UTF_8));

    int examples = 0;
    while (blocks.find()) {
      JsonNode example = Golden.tree(blocks.group(1).getBytes(UTF_8));
      assertThat(golden)
          .as("example %s", example)
          .anySatisfy(g -> assertThat(g.equals(Golden.NUMBERS_BY_VALUE, example)).isTrue());
      examples++;
    }
    assertThat(examples).as("JSON examples in " + DOC).isEqualTo(9);
  }
}
