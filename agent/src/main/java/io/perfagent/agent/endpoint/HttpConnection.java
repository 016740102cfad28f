package io.perfagent.agent.endpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One client connection of the {@link EndpointServer}: a fixed buffer for incoming request heads
 * (its size is the largest head accepted), the deadline by which the next request must be complete,
 * and the blocking write of one response with a deadline. Used only by the server's thread.
 *
 * <p>Reads never block: the server's selector says when bytes arrived, and {@link #next} returns a
 * request once its head is complete, leaving any pipelined bytes behind it for the next call. A
 * response is written in one go, waiting on a second selector while the client's window is full,
 * and abandoned when its deadline passes: a client that stops reading holds the thread for at most
 * the write deadline.
 */
final class HttpConnection implements ResponseWriter.Sink {

  final SocketChannel channel;
  private final Selector writeSelector;
  private final BooleanSupplier running;
  private final byte[] in;
  private final ByteBuffer inBuffer;
  private int length;
  private int scanned;
  private long discard;
  private long writeDeadlineNanos;

  /** When this connection is closed unless a complete request has arrived (System.nanoTime). */
  long idleDeadlineNanos;

  HttpConnection(
      SocketChannel channel, int maxHeadBytes, Selector writeSelector, BooleanSupplier running) {
    this.channel = channel;
    this.writeSelector = writeSelector;
    this.running = running;
    this.in = new byte[maxHeadBytes];
    this.inBuffer = ByteBuffer.wrap(in);
  }

  /** Reads what the socket has now; false once the client has closed its side. */
  boolean fill() throws IOException {
    if (length == in.length) {
      return true; // full: next() answers 431
    }
    inBuffer.limit(in.length).position(length);
    int n = channel.read(inBuffer);
    if (n < 0) {
      return false;
    }
    length += n;
    return true;
  }

  /** Whether bytes of an incomplete request are buffered. */
  boolean midRequest() {
    return length > 0 || discard > 0;
  }

  /**
   * The next complete request, consumed from the buffer, or null until more bytes arrive.
   *
   * @throws RequestHead.Malformed a head that cannot be served, or one larger than the buffer (431)
   */
  @Nullable RequestHead next() throws RequestHead.Malformed {
    if (discard > 0) {
      int drop = (int) Math.min(discard, length);
      consume(drop);
      discard -= drop;
      if (discard > 0) {
        return null;
      }
    }
    int end = RequestHead.end(in, Math.max(0, scanned - 3), length);
    if (end < 0) {
      scanned = length;
      if (length == in.length) {
        throw new RequestHead.Malformed(
            431, "the request head is larger than " + in.length + " bytes");
      }
      return null;
    }
    RequestHead head = RequestHead.parse(in, 0, end);
    consume(end);
    return head;
  }

  /** Drops the next {@code n} bytes the client sends (the body of a request that was answered). */
  void discardBody(long n) {
    discard = n;
  }

  private void consume(int n) {
    System.arraycopy(in, n, in, 0, length - n);
    length -= n;
    scanned = 0;
  }

  /** Starts a response: it must be written within {@code millis}. */
  void startResponse(long millis) {
    writeDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Override
  public void write(ByteBuffer[] buffers, int offset, int count) throws IOException {
    int last = offset + count - 1;
    while (buffers[last].hasRemaining()) {
      long written = channel.write(buffers, offset, count);
      if (written > 0 || !buffers[last].hasRemaining()) {
        continue;
      }
      awaitWritable();
    }
  }

  /** Waits until the client's window opens, or throws when the deadline passes. */
  private void awaitWritable() throws IOException {
    long left = TimeUnit.NANOSECONDS.toMillis(writeDeadlineNanos - System.nanoTime());
    if (left <= 0) {
      throw new IOException("the client did not read the response within the write deadline");
    }
    if (!running.getAsBoolean()) {
      throw new IOException("the endpoint is closing");
    }
    SelectionKey key = channel.keyFor(writeSelector);
    if (key == null) {
      key = channel.register(writeSelector, SelectionKey.OP_WRITE);
    }
    writeSelector.select(left);
    writeSelector.selectedKeys().clear();
  }

  void close() {
    try {
      channel.close(); // also cancels its keys in both selectors
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
