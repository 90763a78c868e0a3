package io.heatwatch.e2e;

import io.heatwatch.e2e.SoakSampler.Sample;
import io.heatwatch.model.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The soak's series as PNG line charts (XChart) and as a summary table. */
final class SoakPlots {
  private SoakPlots() {}

  static void write(List<Sample> samples, Path dir) throws IOException {
    plot(
        dir,
        "soak-memory",
        "JVM memory (all servers + fleet, one JVM)",
        "MiB",
        samples,
        new Series("heap used", Sample::heapMb),
        new Series("heap committed", Sample::heapCommittedMb),
        new Series("RSS", Sample::rssMb),
        new Series("RSS anonymous", Sample::rssAnonMb),
        new Series("tracked by the JVM (NMT committed)", Sample::trackedMb),
        new Series("untracked (RSS anonymous - NMT)", Sample::untrackedMb),
        new Series("MQTT broker's RocksDB write-ahead logs", Sample::brokerLogMb));
    plot(
        dir,
        "soak-kafka-lag",
        "Kafka consumer lag of the job (readings)",
        "records",
        samples,
        new Series("lag", s -> s.lag()));
    plot(
        dir,
        "soak-backlog",
        "Readings waiting: in the devices' outboxes, and acknowledged but not yet searchable",
        "readings",
        samples,
        new Series("outboxes", s -> s.waiting()),
        new Series("not yet searchable", s -> s.behind()));
    plot(
        dir,
        "soak-checkpoints",
        "Latest Flink checkpoint",
        "ms / KiB",
        samples,
        new Series("duration ms", s -> s.checkpointMs()),
        new Series("size KiB", Sample::checkpointKb));
    plot(
        dir,
        "soak-elasticsearch",
        "heatwatch-readings-* growth",
        "MiB",
        samples,
        new Series("primary store MiB", Sample::storeMb));
  }

  private record Series(String name, ToDoubleFunction<Sample> value) {}

  private static void plot(
      Path dir, String file, String title, String unit, List<Sample> samples, Series... series)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(360)
            .title(title)
            .xAxisTitle("minutes")
            .yAxisTitle(unit)
            .build();
    double[] x = samples.stream().mapToDouble(s -> s.seconds() / 60).toArray();
    for (Series s : series) {
      double[] y = samples.stream().mapToDouble(s.value()).toArray();
      chart.addSeries(s.name(), x, y).setMarker(SeriesMarkers.NONE);
    }
    BitmapEncoder.saveBitmap(chart, dir.resolve(file).toString(), BitmapFormat.PNG);
  }

  /** First, middle, last and max of each series, as a Markdown table. */
  static String table(List<Sample> samples, Duration duration, int rate, String memory) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "Soak measured %s: %d readings/s target for %s (`./mvnw -pl e2e verify -Pe2e-soak"
                + " -Dsoak.duration=\"%s\"`), sampled every %s. Every server and the simulated fleet"
                + " run in one JVM, so memory is that JVM's, not per process: %s.%n%n",
            LocalDate.now(ZoneOffset.UTC),
            rate,
            Durations.format(duration),
            Durations.format(duration),
            samples.size() > 1
                ? Durations.format(
                    Duration.ofMillis(
                        (long)
                            ((samples.get(samples.size() - 1).seconds() - samples.get(0).seconds())
                                * 1000
                                / (samples.size() - 1))))
                : "-",
            memory));
    out.append("| series | first | middle | last | max |\n|---|---|---|---|---|\n");
    row(out, samples, "heap used (MiB)", Sample::heapMb);
    row(out, samples, "heap committed (MiB)", Sample::heapCommittedMb);
    row(out, samples, "RSS (MiB)", Sample::rssMb);
    row(out, samples, "RSS anonymous (MiB)", Sample::rssAnonMb);
    row(out, samples, "tracked by the JVM, NMT committed (MiB)", Sample::trackedMb);
    row(out, samples, "untracked: RSS anonymous - NMT (MiB)", Sample::untrackedMb);
    row(out, samples, "MQTT broker's RocksDB write-ahead logs (MiB)", Sample::brokerLogMb);
    row(out, samples, "Kafka consumer lag (records)", s -> s.lag());
    row(out, samples, "readings in the devices' outboxes", s -> s.waiting());
    row(out, samples, "acknowledged, not yet searchable", s -> s.behind());
    row(out, samples, "checkpoint duration (ms)", s -> s.checkpointMs());
    row(out, samples, "checkpoint size (KiB)", Sample::checkpointKb);
    row(out, samples, "readings documents", s -> s.docs());
    row(out, samples, "readings store (MiB)", Sample::storeMb);
    Sample first = samples.get(0);
    Sample last = samples.get(samples.size() - 1);
    out.append(
        String.format(
            "%nDelivered %.0f readings/s from the first sample to the last; %d documents for %d"
                + " readings delivered at the last sample.%n%n![memory](soak-memory.png)%n"
                + "![lag](soak-kafka-lag.png)%n![backlog](soak-backlog.png)%n"
                + "![checkpoints](soak-checkpoints.png)%n![elasticsearch](soak-elasticsearch.png)%n",
            (last.produced() - first.produced()) / (last.seconds() - first.seconds()),
            last.docs(),
            last.produced()));
    return out.toString();
  }

  private static void row(
      StringBuilder out, List<Sample> samples, String name, ToDoubleFunction<Sample> value) {
    double first = value.applyAsDouble(samples.get(0));
    double middle = value.applyAsDouble(samples.get(samples.size() / 2));
    double last = value.applyAsDouble(samples.get(samples.size() - 1));
    double max = samples.stream().mapToDouble(value).max().orElse(Double.NaN);
    out.append(
        String.format("| %s | %.0f | %.0f | %.0f | %.0f |%n", name, first, middle, last, max));
  }
}
