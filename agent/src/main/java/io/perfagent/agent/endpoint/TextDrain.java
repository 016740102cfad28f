package io.perfagent.agent.endpoint;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Sends text built in a {@link StringBuilder} on to a stream in pieces, as UTF-8 through one small
 * byte buffer: a document that is written as it is built (the summary of 1 000 methods is about a
 * megabyte) never exists whole, as text or as bytes. Not thread-safe.
 */
final class TextDrain implements Views.Drain {

  /** How much text is collected before it is sent on. */
  static final int THRESHOLD = 16 * 1024;

  private final StringBuilder text;
  private final OutputStream out;
  private final byte[] bytes = new byte[16 * 1024];
  private final char[] chars = new char[4 * 1024];

  TextDrain(StringBuilder text, OutputStream out) {
    this.text = text;
    this.out = out;
  }

  /** Sends the text once {@link #THRESHOLD} characters are collected. */
  @Override
  public void drain() throws IOException {
    if (text.length() >= THRESHOLD) {
      flush();
    }
  }

  /**
   * Sends all the text collected and clears it. The builder must not end inside a surrogate pair
   * (callers drain between JSON values). Bytes go out 16 KB at a time: one chunk of the response.
   */
  void flush() throws IOException {
    int n = 0;
    int length = text.length();
    for (int from = 0; from < length; ) {
      int to = Math.min(length, from + chars.length);
      if (to < length && Character.isHighSurrogate(text.charAt(to - 1))) {
        to--; // keep a pair in one piece
      }
      text.getChars(from, to, chars, 0); // array access from here on: no per-char bounds checks
      for (int i = 0, count = to - from; i < count; i++) {
        if (n > bytes.length - 4) {
          out.write(bytes, 0, n);
          n = 0;
        }
        char c = chars[i];
        if (c < 0x80) {
          bytes[n++] = (byte) c;
        } else if (c < 0x800) {
          bytes[n++] = (byte) (0xc0 | (c >> 6));
          bytes[n++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isHighSurrogate(c)
            && i + 1 < count
            && Character.isLowSurrogate(chars[i + 1])) {
          int cp = Character.toCodePoint(c, chars[++i]);
          bytes[n++] = (byte) (0xf0 | (cp >> 18));
          bytes[n++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          bytes[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          bytes[n++] = (byte) (0x80 | (cp & 0x3f));
        } else if (Character.isSurrogate(c)) {
          bytes[n++] = '?'; // unpaired: what String.getBytes(UTF_8) writes too
        } else {
          bytes[n++] = (byte) (0xe0 | (c >> 12));
          bytes[n++] = (byte) (0x80 | ((c >> 6) & 0x3f));
          bytes[n++] = (byte) (0x80 | (c & 0x3f));
        }
      }
      from = to;
    }
    if (n > 0) {
      out.write(bytes, 0, n);
    }
    text.setLength(0);
  }
}
