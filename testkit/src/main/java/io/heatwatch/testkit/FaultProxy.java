package io.heatwatch.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 in front of one server that injects network faults: {@link #cut()}
 * (connections reset, new ones refused), {@link #hold()} (bytes stop flowing, connections stay
 * open), latency on every chunk, and random connection resets.
 */
public final class FaultProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
  private static final int CHUNK = 16 * 1024;

  private final String targetHost;
  private final int targetPort;
  private final ServerSocket listener;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final SplittableRandom random;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong resets = new AtomicLong();
  private volatile boolean cut;
  private volatile boolean held;
  private volatile long latencyNanos;
  private volatile double resetChance;
  private volatile boolean closed;

  private FaultProxy(String targetHost, int targetPort, ServerSocket listener, long seed) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.listener = listener;
    this.random = new SplittableRandom(seed);
  }

  /** A proxy on a free loopback port forwarding to {@code targetHost:targetPort}. */
  public static FaultProxy start(String targetHost, int targetPort, long seed) {
    try {
      ServerSocket listener = new ServerSocket();
      listener.bind(new InetSocketAddress(Ports.LOOPBACK, 0));
      FaultProxy proxy = new FaultProxy(targetHost, targetPort, listener, seed);
      Thread acceptor = new Thread(proxy::acceptLoop, "fault-proxy-" + listener.getLocalPort());
      acceptor.setDaemon(true);
      acceptor.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("fault proxy cannot listen on " + Ports.LOOPBACK, e);
    }
  }

  /** The loopback port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** {@code tcp://127.0.0.1:port}, a Paho server URI through the proxy. */
  public String uri() {
    return "tcp://" + Ports.LOOPBACK + ":" + port();
  }

  /** Resets every open connection and refuses new ones (accepted, then reset) until healed. */
  public void cut() {
    cut = true;
    links.forEach(this::reset);
  }

  /** Stops forwarding bytes in both directions; connections stay open, data waits. */
  public void hold() {
    held = true;
  }

  /** Adds {@code latency} to every chunk in each direction (throughput is kept). */
  public void latency(Duration latency) {
    latencyNanos = latency.toNanos();
  }

  /** Resets a connection with this probability on each forwarded chunk (0 for never). */
  public void resetChance(double chance) {
    if (chance < 0 || chance > 1) {
      throw new IllegalArgumentException("reset chance must be within 0..1, got " + chance);
    }
    resetChance = chance;
  }

  /** Back to a clean network: no cut, no hold, no latency, no resets. */
  public void heal() {
    resetChance = 0;
    latencyNanos = 0;
    cut = false;
    held = false;
  }

  /** Connections accepted so far. */
  public long accepted() {
    return accepted.get();
  }

  /** Connections reset by a cut or by chance so far. */
  public long resets() {
    return resets.get();
  }

  /** Connections open now. */
  public int open() {
    return links.size();
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      LOG.warn("fault proxy listener close: {}", e.toString());
    }
    links.forEach(Link::close);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        accepted.incrementAndGet();
        if (cut) {
          abort(client);
          resets.incrementAndGet();
          continue;
        }
        Socket server = new Socket();
        try {
          server.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
        } catch (IOException e) {
          // The server is down: the client sees what it would see without the proxy, a reset.
          abort(client);
          continue;
        }
        Link link = new Link(client, server);
        links.add(link);
        link.start();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("fault proxy accept failed: {}", e.toString());
        }
      }
    }
  }

  private void reset(Link link) {
    if (link.close()) {
      resets.incrementAndGet();
    }
  }

  private synchronized boolean chance(double p) {
    return p > 0 && random.nextDouble() < p;
  }

  private static void abort(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      // Already gone: nothing more to reset.
    }
  }

  /** One proxied connection: a reader and a delayed writer per direction. */
  private final class Link {
    private final Socket client;
    private final Socket server;
    private boolean closed;

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void start() {
      pipe(client, server, "up");
      pipe(server, client, "down");
    }

    private void pipe(Socket from, Socket to, String direction) {
      LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
      String name = "fault-proxy-" + port() + "-" + from.getPort() + "-" + direction;
      Thread reader = new Thread(() -> read(from, queue), name + "-read");
      Thread writer = new Thread(() -> write(to, queue), name + "-write");
      reader.setDaemon(true);
      writer.setDaemon(true);
      reader.start();
      writer.start();
    }

    private void read(Socket from, LinkedBlockingQueue<Chunk> queue) {
      byte[] buffer = new byte[CHUNK];
      try {
        InputStream in = from.getInputStream();
        int n;
        while ((n = in.read(buffer)) >= 0) {
          queue.put(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + latencyNanos));
        }
      } catch (IOException | InterruptedException e) {
        // A reset or a close ends this direction; close() below ends the other.
      } finally {
        queue.add(Chunk.END);
      }
    }

    private void write(Socket to, LinkedBlockingQueue<Chunk> queue) {
      try {
        OutputStream out = to.getOutputStream();
        while (true) {
          Chunk chunk = queue.take();
          if (chunk == Chunk.END) {
            break;
          }
          waitUntil(chunk.due());
          while (held && !isClosed()) {
            TimeUnit.MILLISECONDS.sleep(10);
          }
          if (chance(resetChance)) {
            reset(this);
          }
          out.write(chunk.bytes());
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // The connection was reset or closed.
      } finally {
        close();
      }
    }

    private synchronized boolean isClosed() {
      return closed;
    }

    /** Resets both sides; returns whether this call closed the link. */
    synchronized boolean close() {
      if (closed) {
        return false;
      }
      closed = true;
      links.remove(this);
      abort(client);
      abort(server);
      return true;
    }
  }

  private static void waitUntil(long dueNanos) throws InterruptedException {
    long wait = dueNanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private record Chunk(byte[] bytes, long due) {
    static final Chunk END = new Chunk(new byte[0], 0);
  }
}
