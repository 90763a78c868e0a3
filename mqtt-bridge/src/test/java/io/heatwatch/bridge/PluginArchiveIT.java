package io.heatwatch.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heatwatch.bridge.it.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The plugin archive {@code package} built: component layout, services entries, our configs. */
class PluginArchiveIT {
  @Test
  void archiveHasTheComponentLayoutAndServiceEntries() throws IOException {
    Path zip;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      zip =
          files
              .filter(p -> p.getFileName().toString().matches("heatwatch-mqtt-bridge-.*\\.zip"))
              .findFirst()
              .orElseThrow();
    }
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      String root = zip.getFileName().toString().replace(".zip", "") + "/";
      JsonNode manifest =
          new ObjectMapper()
              .readTree(archive.getInputStream(archive.getEntry(root + "manifest.json")));
      assertThat(manifest.path("name").asText()).isEqualTo("heatwatch-mqtt-bridge");
      assertThat(manifest.path("version").asText()).doesNotContain("${");
      assertThat(manifest.path("component_types").toString()).contains("source", "sink");
      assertThat(archive.getEntry(root + "doc/README.md")).isNotNull();

      List<String> libs = new ArrayList<>();
      archive.stream()
          .map(ZipEntry::getName)
          .filter(n -> n.startsWith(root + "lib/"))
          .forEach(libs::add);
      assertThat(libs)
          .anyMatch(n -> n.contains("/mqtt-bridge-"))
          .anyMatch(n -> n.contains("org.eclipse.paho.mqttv5.client"))
          .anyMatch(n -> n.contains("telemetry-model"))
          .noneMatch(n -> n.contains("connect-api") || n.contains("kafka-clients"));

      String bridgeJar = libs.stream().filter(n -> n.contains("/mqtt-bridge-")).findFirst().get();
      byte[] jar = archive.getInputStream(archive.getEntry(bridgeJar)).readAllBytes();
      assertThat(services(jar, "org.apache.kafka.connect.source.SourceConnector"))
          .contains(MqttSourceConnector.class.getName());
      assertThat(services(jar, "org.apache.kafka.connect.sink.SinkConnector"))
          .contains(MqttSinkConnector.class.getName());

      for (String config :
          List.of("connect-distributed.properties", "mqtt-source.json", "mqtt-sink.json")) {
        byte[] packed =
            archive.getInputStream(archive.getEntry(root + "etc/" + config)).readAllBytes();
        assertThat(packed).isEqualTo(Files.readAllBytes(Fixtures.infra("connect/" + config)));
      }
    }
  }

  private static String services(byte[] jar, String service) throws IOException {
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      for (var entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
        if (entry.getName().equals("META-INF/services/" + service)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return "";
  }
}
