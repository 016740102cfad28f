package io.perfagent.agent.store;

import io.perfagent.agent.log.AgentLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Appends lines to {@code <dir>/<baseName>.jsonl} and rotates it into gzip-compressed generations
 * {@code <baseName>.1.jsonl.gz} (newest) … {@code <baseName>.<keepFiles>.jsonl.gz} (oldest).
 *
 * <p>Guarantees: each line reaches the file through one {@code write} of the line and its {@code
 * \n}, so lines are never interleaved; {@link #append} never throws — when the file cannot be
 * written (disk full, directory gone, not writable) the line is counted in {@link #droppedLines()},
 * one throttled warning says so, and the next append tries again; a failed rotation leaves the live
 * file and its lines where they were; a torn last line left by a crash is closed with a {@code \n}
 * before the first new line, so it cannot glue onto it (readers skip it). A crash between the
 * rename of the new generation and the removal of the live file can leave its lines in both:
 * duplicated, never lost.
 *
 * <p>Thread-safe (methods are synchronized); meant for the agent's one scheduler thread. Writes are
 * unbuffered, so a line is in the operating system once {@code append} returns; {@link #flush()}
 * forces it to the device.
 */
public final class HistoryWriter implements AutoCloseable {

  private static final long WARN_INTERVAL_MILLIS = 10 * 60 * 1000L;
  private static final String LIVE_SUFFIX = ".jsonl";
  private static final String GENERATION_SUFFIX = ".jsonl.gz";
  private static final byte[] NEWLINE = {'\n'};

  private final Path dir;
  private final String baseName;
  private final Path live;
  private final long maxBytes;
  private final int keepFiles;

  private @Nullable FileChannel channel;
  private long size;
  private long dropped;
  private boolean closed;

  /**
   * Opens (or creates, owner-only) the live file. I/O problems here are not thrown: they are logged
   * once and the first {@link #append} tries again.
   *
   * @param maxBytes the live file is rotated before a line would take it past this size
   * @param keepFiles compressed generations kept; 0 keeps none (rotation then discards the lines)
   */
  public HistoryWriter(Path dir, String baseName, long maxBytes, int keepFiles) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.baseName = Objects.requireNonNull(baseName, "baseName");
    if (baseName.isEmpty() || baseName.indexOf('/') >= 0) {
      throw new IllegalArgumentException("baseName must be a plain file name, got: " + baseName);
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be > 0, got: " + maxBytes);
    }
    if (keepFiles < 0) {
      throw new IllegalArgumentException("keepFiles must be >= 0, got: " + keepFiles);
    }
    this.live = dir.resolve(baseName + LIVE_SUFFIX);
    this.maxBytes = maxBytes;
    this.keepFiles = keepFiles;
    try {
      open();
    } catch (IOException | RuntimeException e) {
      warnWriteFailure(e);
    }
  }

  /** The live file. */
  public Path file() {
    return live;
  }

  /**
   * Appends {@code line} and a {@code \n}. Never throws: a line that cannot be written, contains a
   * line break, or comes after {@link #close()} is dropped and counted.
   */
  public synchronized void append(String line) {
    if (closed || line == null) {
      dropped++;
      return;
    }
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      dropped++;
      AgentLog.warnEvery(
          "history-linebreak:" + live,
          WARN_INTERVAL_MILLIS,
          "a history line for " + live + " contains a line break and is dropped (a bug)");
      return;
    }
    byte[] bytes = (line + '\n').getBytes(StandardCharsets.UTF_8);
    try {
      try {
        write(bytes);
      } catch (ClosedByInterruptException e) {
        // The writing thread is being stopped (the scheduler at exit or detach) while its cycle
        // is written: that cycle's counts exist nowhere else, so the line is still written on a
        // fresh channel, and the interrupt handed back.
        Thread.interrupted();
        closeChannel();
        try {
          write(bytes);
        } finally {
          Thread.currentThread().interrupt();
        }
      }
    } catch (IOException | RuntimeException e) {
      dropped++;
      closeChannel();
      warnWriteFailure(e);
    }
  }

  private void write(byte[] bytes) throws IOException {
    if (channel == null) {
      open();
    }
    if (size > 0 && size + bytes.length > maxBytes) {
      rotateKeepingLiveOnFailure();
    }
    writeFully(Objects.requireNonNull(channel, "opened above"), bytes);
    size += bytes.length;
  }

  /** Lines dropped since construction. */
  public synchronized long droppedLines() {
    return dropped;
  }

  /** Forces appended lines to the device. Never throws. */
  public synchronized void flush() {
    if (channel == null) {
      return;
    }
    try {
      channel.force(false);
    } catch (IOException | RuntimeException e) {
      closeChannel();
      warnWriteFailure(e);
    }
  }

  /** Closes the live file; later appends are dropped. */
  @Override
  public synchronized void close() {
    closed = true;
    closeChannel();
  }

  /**
   * The files holding lines, oldest first: the {@code .gz} generations from the highest number
   * down, then the live {@code .jsonl}. A missing directory holds none.
   */
  public static List<Path> filesOldestFirst(Path dir, String baseName) throws IOException {
    TreeMap<Integer, Path> generations = generations(dir, baseName);
    List<Path> files = new ArrayList<>(generations.size() + 1);
    files.addAll(generations.descendingMap().values());
    Path live = dir.resolve(baseName + LIVE_SUFFIX);
    if (Files.isRegularFile(live)) {
      files.add(live);
    }
    return files;
  }

  /**
   * Reads a history file as UTF-8 lines, gunzipping a {@code .gz} one. Malformed bytes (a torn
   * multi-byte character) become U+FFFD instead of failing the whole file.
   */
  public static BufferedReader openLines(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    try {
      if (file.getFileName().toString().endsWith(".gz")) {
        in = new GZIPInputStream(in, 8192);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private void open() throws IOException {
    FileChannel opened =
        FileChannel.open(
            live,
            EnumSet.of(
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
            FilePermissions.ownerOnlyFile(dir));
    try {
      long length = opened.size();
      if (length > 0 && lastByte(length) != '\n') {
        // A crash mid-append left half a line: end it here so the next line stays whole.
        writeFully(opened, NEWLINE);
        length++;
        AgentLog.warn(live + " ended in a torn line (a crash mid-write?); readers will skip it");
      }
      channel = opened;
      size = length;
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  private byte lastByte(long length) throws IOException {
    try (FileChannel reader = FileChannel.open(live, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      reader.read(last, length - 1);
      return last.get(0);
    }
  }

  /** Rotates; if that fails the live file, still whole, is reopened and simply grows. */
  private void rotateKeepingLiveOnFailure() throws IOException {
    try {
      rotate();
    } catch (IOException | RuntimeException e) {
      AgentLog.warnEvery(
          "history-rotate:" + live,
          WARN_INTERVAL_MILLIS,
          "cannot rotate " + live + " (" + e + "); it keeps growing until rotation succeeds");
    }
    if (channel == null) {
      open();
    }
  }

  private void rotate() throws IOException {
    closeChannel();
    if (keepFiles > 0) {
      Path temp =
          Files.createTempFile(
              dir,
              "." + baseName + ".",
              GENERATION_SUFFIX + ".tmp",
              FilePermissions.ownerOnlyFile(dir));
      try {
        compress(live, temp);
        shiftGenerations();
        Files.move(temp, generation(1), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
    }
    Files.delete(live);
    AtomicFiles.forceDirectory(dir);
    open();
  }

  /**
   * Deletes generations from {@code keepFiles} on, then renames each {@code .i} to {@code .i+1}.
   */
  private void shiftGenerations() throws IOException {
    TreeMap<Integer, Path> existing = generations(dir, baseName);
    for (Map.Entry<Integer, Path> old : existing.tailMap(keepFiles, true).entrySet()) {
      Files.deleteIfExists(old.getValue());
    }
    for (Map.Entry<Integer, Path> kept :
        existing.headMap(keepFiles, false).descendingMap().entrySet()) {
      Files.move(kept.getValue(), generation(kept.getKey() + 1), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static void compress(Path source, Path target) throws IOException {
    try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE);
        GZIPOutputStream gzip = new GZIPOutputStream(Channels.newOutputStream(out), 8192)) {
      Files.copy(source, gzip);
      gzip.finish();
      out.force(true);
    }
  }

  private Path generation(int index) {
    return dir.resolve(baseName + "." + index + GENERATION_SUFFIX);
  }

  /** {@code <baseName>.<n>.jsonl.gz} files by n (n ≥ 1); empty if the directory is missing. */
  private static TreeMap<Integer, Path> generations(Path dir, String baseName) throws IOException {
    TreeMap<Integer, Path> found = new TreeMap<>();
    String prefix = baseName + ".";
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.length() > prefix.length() + GENERATION_SUFFIX.length()
            && name.startsWith(prefix)
            && name.endsWith(GENERATION_SUFFIX)) {
          int index =
              parseIndex(
                  name.substring(prefix.length(), name.length() - GENERATION_SUFFIX.length()));
          if (index > 0) {
            found.put(index, entry);
          }
        }
      }
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    }
    return found;
  }

  /** A positive decimal without sign or leading zero, else -1. */
  private static int parseIndex(String digits) {
    if (digits.isEmpty() || digits.length() > 9 || digits.charAt(0) == '0') {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    // One write for regular files; the loop only matters if the OS ever writes less.
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private void closeChannel() {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // The descriptor is gone either way; the next append reopens.
    }
    channel = null;
  }

  private void warnWriteFailure(Exception e) {
    AgentLog.warnEvery(
        "history-write:" + live,
        WARN_INTERVAL_MILLIS,
        "cannot write "
            + live
            + " ("
            + e
            + "); "
            + dropped
            + " history line(s) dropped so far, measuring and export go on");
  }
}
