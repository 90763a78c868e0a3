package io.heatwatch.edge.sensor;

/** Receives the ground-truth label of each finished episode. */
@FunctionalInterface
public interface LabelSink {
  /** Drops labels. */
  LabelSink NONE = label -> {};

  void accept(Label label);
}
