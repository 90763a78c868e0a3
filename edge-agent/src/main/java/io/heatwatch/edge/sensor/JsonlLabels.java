package io.heatwatch.edge.sensor;

import io.heatwatch.model.TelemetryCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends labels to a JSON Lines file, one object per line, flushed as they come. */
public final class JsonlLabels implements LabelSink, AutoCloseable {
  private final Path file;
  private final OutputStream out;

  public JsonlLabels(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open labels file " + file, e);
    }
  }

  @Override
  public synchronized void accept(Label label) {
    try {
      out.write(TelemetryCodec.encode(label));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write label to " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }
}
