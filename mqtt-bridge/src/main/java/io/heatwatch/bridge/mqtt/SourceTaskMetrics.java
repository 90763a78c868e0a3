package io.heatwatch.bridge.mqtt;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters of one source task, registered as a plain MBean (Connect 3.9 has no metrics API for
 * plugins) under {@code io.heatwatch.bridge:type=mqtt-source-task,connector={name},task={id}}.
 */
final class SourceTaskMetrics implements SourceTaskMetricsMBean, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SourceTaskMetrics.class);

  final LongAdder received = new LongAdder();
  final LongAdder forwarded = new LongAdder();
  final LongAdder deadLettered = new LongAdder();
  final LongAdder reconnects = new LongAdder();
  private final IntSupplier pendingAcks;
  private final ObjectName name;

  SourceTaskMetrics(String connector, String task, IntSupplier pendingAcks) {
    this.pendingAcks = pendingAcks;
    this.name = objectName(connector, task);
    register();
  }

  static ObjectName objectName(String connector, String task) {
    try {
      return new ObjectName(
          "io.heatwatch.bridge:type=mqtt-source-task,connector="
              + ObjectName.quote(connector)
              + ",task="
              + task);
    } catch (JMException e) {
      throw new IllegalArgumentException("bad MBean name for connector " + connector, e);
    }
  }

  private void register() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      try {
        server.registerMBean(this, name);
      } catch (InstanceAlreadyExistsException e) {
        // A restarted task in the same worker: the new counters replace the old ones.
        server.unregisterMBean(name);
        server.registerMBean(this, name);
      }
    } catch (JMException e) {
      LOG.warn("metrics MBean {} not registered: {}", name, e.toString());
    }
  }

  @Override
  public long getReceived() {
    return received.sum();
  }

  @Override
  public long getForwarded() {
    return forwarded.sum();
  }

  @Override
  public long getDeadLettered() {
    return deadLettered.sum();
  }

  @Override
  public int getPendingAcks() {
    return pendingAcks.getAsInt();
  }

  @Override
  public long getReconnects() {
    return reconnects.sum();
  }

  @Override
  public void close() {
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
    } catch (InstanceNotFoundException e) {
      // already replaced by a restarted task's MBean
    } catch (JMException e) {
      LOG.warn("metrics MBean {} not unregistered: {}", name, e.toString());
    }
  }
}
