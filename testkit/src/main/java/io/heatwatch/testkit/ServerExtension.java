package io.heatwatch.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts one server per test JVM, on first use, and injects it into test parameters. */
abstract class ServerExtension<T extends AutoCloseable> implements ParameterResolver {
  private static final Logger LOG = LoggerFactory.getLogger(ServerExtension.class);
  private static final Namespace NAMESPACE = Namespace.create(ServerExtension.class);

  private final Class<T> type;
  private final String name;

  ServerExtension(Class<T> type, String name) {
    this.type = type;
    this.name = name;
  }

  /** Starts the server with a fresh data directory. */
  abstract T start(Path dataDir, ExtensionContext context);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == type;
  }

  @Override
  public T resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  /** The JVM-wide server, started now if no test has used it yet. */
  T server(ExtensionContext context) {
    // The root store outlives every test class and closes its resources when the run ends.
    Running<?> running =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(type, key -> startIn(dataDir(), context), Running.class);
    return type.cast(running.server());
  }

  private Running<T> startIn(Path dataDir, ExtensionContext context) {
    try {
      return new Running<>(start(dataDir, context), dataDir);
    } catch (RuntimeException | Error e) {
      deleteRecursively(dataDir);
      throw e;
    }
  }

  private Path dataDir() {
    try {
      Path target = Files.createDirectories(Path.of("target"));
      return Files.createTempDirectory(target, "testkit-" + name + "-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory for " + name, e);
    }
  }

  /** A started server and its data directory, both gone when the test run ends. */
  private record Running<S extends AutoCloseable>(S server, Path dataDir)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws Exception {
      server.close();
      deleteRecursively(dataDir);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("could not delete {}: {}", dir, e.toString());
    }
  }
}
