package io.perfagent.exporter;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Moves text from a small {@link StringBuilder} to a stream as UTF-8 through one reused byte
 * buffer, so a large document (a scrape of 1 000 methods is ~3 MB of text) is never held whole,
 * neither as characters nor as bytes. Not thread-safe: one per document.
 */
final class Utf8Chunks {

  /** The builder is emptied into the stream once it holds this many characters. */
  static final int CHUNK_CHARS = 16 * 1024;

  private final OutputStream out;
  private final byte[] buffer = new byte[CHUNK_CHARS * 3 + 8];

  Utf8Chunks(OutputStream out) {
    this.out = out;
  }

  /** Writes and empties {@code text} when it is full enough; call only between whole lines. */
  void maybeFlush(StringBuilder text) throws IOException {
    if (text.length() >= CHUNK_CHARS) {
      flush(text);
    }
  }

  /** Writes and empties {@code text}; call only between whole lines (no split surrogate pair). */
  void flush(StringBuilder text) throws IOException {
    int from = 0;
    while (from < text.length()) {
      int n = 0;
      int end = Math.min(text.length(), from + CHUNK_CHARS);
      for (int i = from; i < end; i++) {
        char c = text.charAt(i);
        if (c < 0x80) {
          buffer[n++] = (byte) c;
        } else if (c < 0x800) {
          buffer[n++] = (byte) (0xC0 | (c >> 6));
          buffer[n++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, text.charAt(++i));
          buffer[n++] = (byte) (0xF0 | (cp >> 18));
          buffer[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
          buffer[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
          buffer[n++] = (byte) (0x80 | (cp & 0x3F));
          if (i + 1 > end) {
            end = i + 1;
          }
        } else if (Character.isSurrogate(c)) {
          buffer[n++] = '?'; // a lone surrogate has no UTF-8 form; String.getBytes does the same
        } else {
          buffer[n++] = (byte) (0xE0 | (c >> 12));
          buffer[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
          buffer[n++] = (byte) (0x80 | (c & 0x3F));
        }
      }
      out.write(buffer, 0, n);
      from = Math.max(end, from + 1);
    }
    text.setLength(0);
  }
}
