package io.perfagent.agent.sample;

import io.perfagent.core.model.ProcessSample;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@code /proc}-style text file kept open and re-read from offset 0 into one reused direct
 * buffer: procfs generates fresh content on every read at offset 0, so steady-state sampling opens
 * nothing and allocates nothing. Parsing is by hand over the buffer's bytes.
 *
 * <p>Not thread-safe: one sampler thread owns it.
 */
final class ProcFile implements AutoCloseable {

  /** Returned by the parsers when a field is absent or not a number. */
  static final long MISSING = ProcessSample.MISSING;

  private final FileChannel channel;
  private final ByteBuffer buffer;
  private int length;

  private ProcFile(FileChannel channel, int capacity) {
    this.channel = channel;
    this.buffer = ByteBuffer.allocateDirect(capacity);
  }

  /** Opens {@code file}; throws if it cannot be read. */
  static ProcFile open(Path file, int capacity) throws IOException {
    return new ProcFile(FileChannel.open(file, StandardOpenOption.READ), capacity);
  }

  /** Reads the whole file again; returns its length (truncated at the buffer's capacity). */
  int read() throws IOException {
    buffer.clear();
    long position = 0;
    int n;
    while (buffer.hasRemaining() && (n = channel.read(buffer, position)) > 0) {
      position += n;
    }
    length = buffer.position();
    return length;
  }

  /**
   * The number after {@code key} on the line that starts with it, as in {@code /proc/self/status}
   * ({@code "VmRSS:\t 1234 kB"}) or {@code /proc/self/io} ({@code "read_bytes: 4096"}).
   */
  long keyed(byte[] key) {
    int lineStart = 0;
    while (lineStart < length) {
      if (startsWith(lineStart, key)) {
        return number(lineStart + key.length);
      }
      int next = indexOf((byte) '\n', lineStart);
      if (next < 0) {
        break;
      }
      lineStart = next + 1;
    }
    return MISSING;
  }

  /**
   * Field {@code n} (1-based, as in {@code man 5 proc}) of {@code /proc/self/stat}. The command
   * name (field 2) may hold spaces and parentheses, so counting starts after the last {@code ')'}.
   */
  long statField(int n) {
    int closing = -1;
    for (int i = length - 1; i >= 0; i--) {
      if (buffer.get(i) == ')') {
        closing = i;
        break;
      }
    }
    if (closing < 0 || n < 3) {
      return MISSING;
    }
    int field = 2;
    int i = closing + 1;
    while (i < length) {
      while (i < length && buffer.get(i) == ' ') {
        i++;
      }
      field++;
      if (field == n) {
        return number(i);
      }
      while (i < length && buffer.get(i) != ' ' && buffer.get(i) != '\n') {
        i++;
      }
    }
    return MISSING;
  }

  /** The first token of the file as a number, e.g. {@code memory.max}; "max" and others: -1. */
  long firstNumber() {
    return number(0);
  }

  /** The second blank-separated token as a number, e.g. the period in {@code cpu.max}. */
  long secondNumber() {
    int blank = indexOf((byte) ' ', 0);
    return blank < 0 ? MISSING : number(blank + 1);
  }

  /**
   * Parses the unsigned decimal number after optional blanks at {@code from}; {@link #MISSING} if
   * there is none. Saturates at {@link Long#MAX_VALUE} rather than overflowing.
   */
  private long number(int from) {
    int i = from;
    while (i < length && (buffer.get(i) == ' ' || buffer.get(i) == '\t')) {
      i++;
    }
    long value = 0;
    int digits = 0;
    while (i < length) {
      byte b = buffer.get(i);
      if (b < '0' || b > '9') {
        break;
      }
      value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (b - '0');
      digits++;
      i++;
    }
    return digits == 0 ? MISSING : value;
  }

  private boolean startsWith(int at, byte[] key) {
    if (at + key.length > length) {
      return false;
    }
    for (int k = 0; k < key.length; k++) {
      if (buffer.get(at + k) != key[k]) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(byte b, int from) {
    for (int i = from; i < length; i++) {
      if (buffer.get(i) == b) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
