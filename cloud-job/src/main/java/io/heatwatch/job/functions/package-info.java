/**
 * The two values of the per-sensor state that Flink stores by class name: {@link
 * io.heatwatch.job.functions.MetricsAccumulator} (an open minute's statistics) and {@link
 * io.heatwatch.job.functions.ClosedMinutes} (the minutes late readings may still change).
 *
 * <p>They belong with the minutes in {@code sensor/}, but stay here: Flink's POJO serializer writes
 * the class name of each field of {@code detect.SensorState} into every checkpoint and savepoint,
 * so moving or renaming them, or changing the type of one of their fields, makes running jobs
 * unrestorable (seen with {@code SavepointRestoreITCase} and {@code Release3942b78SnapshotTest}).
 * Adding a field is allowed. Nothing else goes into this package.
 */
package io.heatwatch.job.functions;
