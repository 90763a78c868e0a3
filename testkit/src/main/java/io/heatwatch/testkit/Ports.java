package io.heatwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback TCP port helpers for the in-process servers and the demo launcher. */
public final class Ports {
  static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /** A port on 127.0.0.1 that was free a moment ago. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(LOOPBACK, 0), 1);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + LOOPBACK, e);
    }
  }

  /**
   * {@code n} distinct ports on 127.0.0.1 that were free a moment ago: the sockets are held until
   * all are picked, as the kernel may hand out a port it just freed again (two servers of the e2e
   * chain once got the same one).
   */
  public static int[] free(int n) {
    java.util.List<ServerSocket> held = new java.util.ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket socket = new ServerSocket();
        held.add(socket);
        socket.bind(new InetSocketAddress(LOOPBACK, 0), 1);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + LOOPBACK, e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException e) {
          // closing a listening socket that accepted nothing: nothing to do
        }
      }
    }
  }

  /**
   * Fails with one clear line when {@code port} cannot be bound on 127.0.0.1; {@code option} names
   * the setting that chooses another (port 0 means "any" and always passes).
   */
  public static void requireFree(int port, String option) {
    if (port == 0) {
      return;
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "port " + port + " is not a TCP port; choose another with " + option);
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
    } catch (IOException e) {
      throw new IllegalStateException(
          "port " + port + " is already in use; choose another with " + option, e);
    }
  }

  /** {@code port}, or a free one when it is 0, so a restart can bind the same port again. */
  static int orFree(int port) {
    return port == 0 ? free() : port;
  }
}
