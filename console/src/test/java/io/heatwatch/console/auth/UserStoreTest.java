package io.heatwatch.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {
  @TempDir Path dir;

  @Test
  void aPasswordCheckDoesNotWaitForAnotherOnOneLock() throws Exception {
    Path file = dir.resolve("users");
    UserStore.addUser(file, "ann", Role.VIEWER, "correct horse battery".toCharArray());
    UserStore store = new UserStore(file);

    // Whatever holds the store's monitor (another login's bcrypt, before), a check goes on.
    CompletableFuture<Optional<UserStore.User>> check;
    synchronized (store) {
      check =
          CompletableFuture.supplyAsync(
              () -> store.authenticate("ann", "correct horse battery".toCharArray()));
      assertThat(check.get(20, TimeUnit.SECONDS)).isPresent();
    }
  }

  @Test
  void aRemovedUserIsGoneAtTheNextLookUp() throws Exception {
    Path file = dir.resolve("users");
    UserStore.addUser(file, "ann", Role.OPERATOR, "correct horse battery".toCharArray());
    UserStore.addUser(file, "bob", Role.OPERATOR, "correct horse battery".toCharArray());
    UserStore store = new UserStore(file);
    assertThat(store.find("ann")).map(UserStore.User::role).contains(Role.OPERATOR);

    Files.write(
        file,
        Files.readAllLines(file).stream()
            .filter(l -> !l.startsWith("ann:"))
            .map(l -> l.replace("bob:operator:", "bob:viewer:"))
            .toList());
    Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 2_000));

    assertThat(store.find("ann")).isEmpty();
    assertThat(store.find("bob")).map(UserStore.User::role).contains(Role.VIEWER);
  }
}
