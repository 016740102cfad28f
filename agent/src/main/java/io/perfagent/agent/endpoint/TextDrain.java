package io.perfagent.agent.endpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

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
  private final char[] chars = new char[4 * 1024];
  private final CharBuffer charBuffer = CharBuffer.wrap(chars);
  private final byte[] bytes = new byte[16 * 1024];
  private final ByteBuffer byteBuffer = ByteBuffer.wrap(bytes);

  // The JDK's encoder: its ASCII loop is a compiler intrinsic, several times faster than a loop of
  // our own. An unpaired surrogate becomes '?', as with String.getBytes(UTF_8).
  private final CharsetEncoder utf8 =
      StandardCharsets.UTF_8
          .newEncoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);

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
    int length = text.length();
    byteBuffer.clear();
    for (int from = 0; from < length; ) {
      int to = Math.min(length, from + chars.length);
      if (to < length && Character.isHighSurrogate(text.charAt(to - 1))) {
        to--; // keep a pair in one piece
      }
      text.getChars(from, to, chars, 0);
      charBuffer.limit(to - from).position(0);
      utf8.reset();
      while (true) {
        CoderResult r = utf8.encode(charBuffer, byteBuffer, true);
        if (r.isOverflow()) {
          send();
        } else {
          break; // underflow: the piece is encoded
        }
      }
      from = to;
    }
    send();
    text.setLength(0);
  }

  private void send() throws IOException {
    if (byteBuffer.position() > 0) {
      out.write(bytes, 0, byteBuffer.position());
      byteBuffer.clear();
    }
  }
}
