package io.perfagent.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWriterTest {

  private static final String BASE = "perfwatch";

  @TempDir Path dir;

  @Test
  void append_writesOneLinePerCall_toAnOwnerOnlyFile() throws Exception {
    try (HistoryWriter writer = new HistoryWriter(dir, BASE, 1_000_000, 5)) {
      writer.append("{\"n\":1}");
      writer.append("{\"n\":2,\"s\":\"ü\"}");
      writer.flush();
      assertThat(writer.droppedLines()).isZero();
    }
    Path live = dir.resolve("perfwatch.jsonl");
    assertThat(live).hasContent("{\"n\":1}\n{\"n\":2,\"s\":\"ü\"}\n");
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(live)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void aLineWrittenByAnInterruptedThread_isStillWritten_andTheInterruptKept() throws Exception {
    try (HistoryWriter writer = new HistoryWriter(dir, BASE, 1_000_000, 5)) {
      writer.append("{\"n\":1}"); // the channel is open
      Thread.currentThread().interrupt(); // the scheduler stopped at exit, mid-cycle
      try {
        writer.append("{\"n\":2}");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      writer.append("{\"n\":3}");
      assertThat(writer.droppedLines()).isZero();
    }
    assertThat(Files.readAllLines(dir.resolve("perfwatch.jsonl")))
        .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
  }

  @Test
  void reopening_appendsAfterTheExistingLines() throws Exception {
    try (HistoryWriter writer = new HistoryWriter(dir, BASE, 1_000_000, 5)) {
      writer.append("a");
    }
    try (HistoryWriter writer = new HistoryWriter(dir, BASE, 1_000_000, 5)) {
      writer.append("b");
    }
    assertThat(readAll()).containsExactly("a", "b");
  }

  @Test
  void tornLastLine_isClosedBeforeTheNextLine() throws Exception {
    Files.writeString(dir.resolve("perfwatch.jsonl"), "{\"n\":1}\n{\"n\":2,\"cut");
    try (StderrCapture err = new StderrCapture();
        HistoryWriter writer = new HistoryWriter(dir, BASE, 1_000_000, 5)) {
      writer.append("{\"n\":3}");
      assertThat(err.text()).contains("torn line");
    }
    assertThat(dir.resolve("perfwatch.jsonl")).hasContent("{\"n\":1}\n{\"n\":2,\"cut\n{\"n\":3}\n");
  }

  @Test
  void rotation_keepsEveryLineUntilTheKeepLimit() throws Exception {
    int lines;
    try (HistoryWriter writer = new HistoryWriter(dir, BASE, 1_000, 5)) {
      // ~20 lines per file: 3 rotations, no generation dropped yet.
      for (lines = 0; gzFiles().size() < 3; lines++) {
        writer.append(line(lines));
      }
      assertThat(writer.droppedLines()).isZero();
    }
    assertThat(gzFiles()).hasSize(3);
    assertThat(readAll())
        .containsExactlyElementsOf(
            IntStream.range(0, lines).mapToObj(HistoryWriterTest::line).collect(toList()));
  }

  @Test
  void rotation_keepsExactlyFiveGzFiles_andAContiguousSuffixOfTheLines() throws Exception {
    int written = 2_000;
    try (HistoryWriter writer = new HistoryWriter(dir, BASE, 1_000, 5)) {
      for (int i = 0; i < written; i++) {
        writer.append(line(i));
      }
      assertThat(writer.droppedLines()).isZero();
    }
    assertThat(gzFiles())
        .containsExactly(
            "perfwatch.1.jsonl.gz",
            "perfwatch.2.jsonl.gz",
            "perfwatch.3.jsonl.gz",
            "perfwatch.4.jsonl.gz",
            "perfwatch.5.jsonl.gz");
    assertThat(Files.size(dir.resolve("perfwatch.jsonl"))).isLessThanOrEqualTo(1_000);
    List<String> survived = readAll();
    // Every generation is one full file (~1 000 bytes of ~30-byte lines), so 5 gz + live hold
    // well over 5 * 25 lines; the oldest ones are gone, the rest is complete and in order.
    assertThat(survived.size()).isGreaterThan(5 * 25);
    int first = written - survived.size();
    assertThat(survived)
        .containsExactlyElementsOf(
            IntStream.range(first, written).mapToObj(HistoryWriterTest::line).collect(toList()));
    assertThat(names()).allMatch(n -> n.startsWith("perfwatch.")); // no temp file left behind
  }

  @Test
  void rotation_dropsGenerationsBeyondALoweredKeepLimit() throws Exception {
    for (int i = 1; i <= 7; i++) {
      writeGz(dir.resolve("perfwatch." + i + ".jsonl.gz"), "old" + i);
    }
    try (HistoryWriter writer = new HistoryWriter(dir, BASE, 100, 3)) {
      for (int i = 0; i < 10; i++) {
        writer.append(line(i)); // ~30 bytes: rotates every 3 lines
      }
    }
    assertThat(gzFiles()).hasSize(3);
  }

  @Test
  void failedRotation_keepsEveryLineInTheLiveFile() throws Exception {
    // The oldest generation slot is a non-empty directory: deleting it fails, even for root.
    Path blocker = Files.createDirectories(dir.resolve("perfwatch.5.jsonl.gz/blocker"));
    List<String> written = new ArrayList<>();
    try (StderrCapture err = new StderrCapture();
        HistoryWriter writer = new HistoryWriter(dir, BASE, 100, 5)) {
      for (int i = 0; i < 10; i++) {
        written.add(line(i));
        writer.append(line(i));
      }
      assertThat(writer.droppedLines()).isZero();
      assertThat(err.text().lines().filter(l -> l.contains("cannot rotate"))).hasSize(1);
    }
    assertThat(Files.readAllLines(dir.resolve("perfwatch.jsonl"))).isEqualTo(written);
    assertThat(blocker).isDirectory();
    assertThat(names()).containsExactly("perfwatch.5.jsonl.gz", "perfwatch.jsonl");
  }

  @Test
  void keepZero_keepsOnlyTheLiveFile() throws Exception {
    try (HistoryWriter writer = new HistoryWriter(dir, BASE, 100, 0)) {
      for (int i = 0; i < 10; i++) {
        writer.append(line(i));
      }
    }
    assertThat(names()).containsExactly("perfwatch.jsonl");
    assertThat(readAll()).containsExactly(line(9));
  }

  @Test
  void openLines_gunzipsGzFiles_andFilesOldestFirstOrdersGenerations() throws Exception {
    writeGz(dir.resolve("perfwatch.2.jsonl.gz"), "oldest\n");
    writeGz(dir.resolve("perfwatch.10.jsonl.gz"), "ignored? no: generation 10 is older\n");
    writeGz(dir.resolve("perfwatch.1.jsonl.gz"), "newer\n");
    Files.writeString(dir.resolve("perfwatch.jsonl"), "live\n");
    Files.writeString(dir.resolve("perfwatch.01.jsonl.gz"), "not a generation");
    Files.writeString(dir.resolve("other.1.jsonl.gz"), "not ours");

    assertThat(HistoryWriter.filesOldestFirst(dir, BASE))
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "perfwatch.10.jsonl.gz",
            "perfwatch.2.jsonl.gz",
            "perfwatch.1.jsonl.gz",
            "perfwatch.jsonl");
    try (BufferedReader reader = HistoryWriter.openLines(dir.resolve("perfwatch.2.jsonl.gz"))) {
      assertThat(reader.readLine()).isEqualTo("oldest");
      assertThat(reader.readLine()).isNull();
    }
  }

  @Test
  void filesOldestFirst_ofAMissingDirectory_isEmpty() throws Exception {
    assertThat(HistoryWriter.filesOldestFirst(dir.resolve("gone"), BASE)).isEmpty();
  }

  @Test
  void vanishedDirectory_dropsAndCounts_thenRecovers() throws Exception {
    Path gone = dir.resolve("state");
    try (StderrCapture err = new StderrCapture();
        HistoryWriter writer = new HistoryWriter(gone, BASE, 1_000, 5)) {
      writer.append("lost 1");
      writer.append("lost 2");
      assertThat(writer.droppedLines()).isEqualTo(2);
      assertThat(err.text()).contains("cannot write " + gone.resolve("perfwatch.jsonl"));

      Files.createDirectory(gone);
      writer.append("kept");
      assertThat(writer.droppedLines()).isEqualTo(2);
    }
    assertThat(gone.resolve("perfwatch.jsonl")).hasContent("kept\n");
  }

  @Test
  void diskFull_dropsAndCounts_withoutThrowing_andLaterAppendsRetry() throws Exception {
    // /dev/full fails every write with ENOSPC: a real "No space left on device".
    Path devFull = Paths.get("/dev/full");
    assumeThat(Files.isWritable(devFull)).isTrue();
    Path live = Files.createSymbolicLink(dir.resolve("perfwatch.jsonl"), devFull);
    try (StderrCapture err = new StderrCapture();
        HistoryWriter writer = new HistoryWriter(dir, BASE, 1_000, 5)) {
      writer.append("a");
      writer.append("b");
      assertThat(writer.droppedLines()).isEqualTo(2);
      assertThat(err.text().lines().filter(l -> l.contains("cannot write"))).hasSize(1);
      assertThat(err.text()).contains("No space left on device");

      Files.delete(live); // space again
      writer.append("c");
      assertThat(writer.droppedLines()).isEqualTo(2);
    }
    assertThat(readAll()).containsExactly("c");
  }

  @Test
  void lineWithALineBreak_orAfterClose_isDroppedAndCounted() throws Exception {
    HistoryWriter writer = new HistoryWriter(dir, BASE, 1_000, 5);
    try (StderrCapture err = new StderrCapture()) {
      writer.append("two\nlines");
      writer.append("ok");
      writer.close();
      writer.append("late");
      assertThat(err.text()).contains("contains a line break");
    }
    assertThat(writer.droppedLines()).isEqualTo(2);
    assertThat(readAll()).containsExactly("ok");
  }

  private static String line(int i) {
    return String.format("{\"cycle\":%06d,\"pad\":\"xx\"}", i);
  }

  private List<String> readAll() throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path file : HistoryWriter.filesOldestFirst(dir, BASE)) {
      try (BufferedReader reader = HistoryWriter.openLines(file)) {
        reader.lines().forEach(lines::add);
      }
    }
    return lines;
  }

  private List<String> gzFiles() throws IOException {
    return names().stream().filter(n -> n.endsWith(".gz")).collect(toList());
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(toList());
    }
  }

  private static void writeGz(Path file, String content) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static <T> java.util.stream.Collector<T, ?, List<T>> toList() {
    return Collectors.toList();
  }
}
