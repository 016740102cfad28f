package io.perfagent.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void write_createsThenReplacesContent_leavingNoTemporaryFile() throws Exception {
    Path target = dir.resolve("perfbaseline.json");
    AtomicFiles.write(target, bytes("{\"v\":1}"));
    assertThat(target).hasContent("{\"v\":1}");

    AtomicFiles.write(target, bytes("{\"v\":2}"));
    assertThat(target).hasContent("{\"v\":2}");
    assertThat(names()).containsExactly("perfbaseline.json");
  }

  @Test
  void write_leavesAnOwnerOnlyFile() throws Exception {
    assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
    Path target = dir.resolve("perfbaseline.json");
    AtomicFiles.write(target, bytes("{}"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
  }

  @Test
  void failedMove_keepsTheOldTargetAndRemovesTheTemporaryFile() throws Exception {
    // A non-empty directory cannot be replaced by a rename, not even by root.
    Path target = Files.createDirectory(dir.resolve("perfbaseline.json"));
    Files.writeString(target.resolve("old"), "old content");

    assertThatThrownBy(() -> AtomicFiles.write(target, bytes("new content")))
        .isInstanceOf(IOException.class);

    assertThat(target).isDirectory();
    assertThat(target.resolve("old")).hasContent("old content");
    assertThat(names()).containsExactly("perfbaseline.json");
  }

  @Test
  void missingDirectory_throwsWithoutCreatingAnything() {
    Path target = dir.resolve("gone/perfbaseline.json");
    assertThatThrownBy(() -> AtomicFiles.write(target, bytes("x"))).isInstanceOf(IOException.class);
    assertThat(dir.resolve("gone")).doesNotExist();
  }

  private String[] names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
