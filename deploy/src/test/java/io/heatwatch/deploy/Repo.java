package io.heatwatch.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, where the deployment files under test live. */
final class Repo {
  private Repo() {}

  static Path root() {
    String configured = System.getProperty("heatwatch.root");
    Path root = Path.of(configured != null ? configured : "..").toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("infra"))) {
      throw new IllegalStateException("heatwatch.root: no infra/ folder under " + root);
    }
    return root;
  }

  static Path file(String relative) {
    return root().resolve(relative);
  }
}
