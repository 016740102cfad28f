package io.perfagent.agent.endpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link Response} as HTTP/1.1: status line, headers and body. A body known whole goes out
 * with its {@code Content-Length}; a streamed body (a Prometheus scrape: megabytes that need not
 * exist whole) goes out as it is produced, in chunks of at most {@link #CHUNK} bytes ({@code
 * Transfer-Encoding: chunked}; to an HTTP/1.0 client, delimited by closing the connection). The
 * chunk buffer is this writer's and reused for every response, so a scrape's allocation here does
 * not grow with its size. One writer per server thread; not thread-safe.
 */
final class ResponseWriter {

  /** Where the bytes go; blocks until all are written, or throws. */
  interface Sink {
    void write(ByteBuffer[] buffers, int offset, int length) throws IOException;
  }

  /** The largest chunk of a streamed body. */
  static final int CHUNK = 16 * 1024;

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

  private final StringBuilder head = new StringBuilder(256);
  private final ChunkedBody body = new ChunkedBody();
  private final ByteBuffer[] frame = new ByteBuffer[4];
  private long dateSecond = Long.MIN_VALUE;
  private String date = "";

  /**
   * Writes {@code r} to {@code sink}.
   *
   * @param headOnly a HEAD request: the headers only (a streamed body is not produced at all)
   * @param http11 the client speaks HTTP/1.1 (else 1.0: no chunked encoding)
   * @param keepAlive the connection may stay open after this response
   * @return whether the connection may stay open (false when the body's end is its close)
   */
  boolean write(Response r, boolean headOnly, boolean http11, boolean keepAlive, Sink sink)
      throws IOException {
    boolean streamed = r.stream != null;
    boolean chunked = streamed && !headOnly && http11;
    boolean open = keepAlive && !(streamed && !headOnly && !http11);
    head.setLength(0);
    head.append("HTTP/1.1 ").append(r.status).append(' ').append(reason(r.status)).append("\r\n");
    header("Date", date());
    header("Content-Type", r.contentType);
    header("Cache-Control", "no-store");
    header("X-Content-Type-Options", "nosniff");
    if (r.headerName != null && r.headerValue != null) {
      header(r.headerName, r.headerValue);
    }
    byte[] bytes = null;
    if (chunked) {
      header("Transfer-Encoding", "chunked");
    } else if (!streamed) {
      bytes = r.body.getBytes(StandardCharsets.UTF_8);
      header("Content-Length", Integer.toString(bytes.length));
    }
    if (!open) {
      header("Connection", "close");
    } else if (!http11) {
      header("Connection", "keep-alive");
    }
    head.append("\r\n");
    ByteBuffer headBytes = ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));

    Response.Streamed stream = r.stream;
    if (stream == null || headOnly) {
      frame[0] = headBytes;
      int n = 1;
      if (bytes != null && !headOnly && bytes.length > 0) {
        frame[n++] = ByteBuffer.wrap(bytes);
      }
      sink.write(frame, 0, n);
    } else {
      body.start(sink, headBytes, chunked);
      stream.writeTo(body);
      body.finish();
    }
    return open;
  }

  private void header(String name, String value) {
    head.append(name).append(": ");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      head.append(c == '\r' || c == '\n' ? ' ' : c); // never split a header line
    }
    head.append("\r\n");
  }

  /** The HTTP date of now, formatted once a second. */
  private String date() {
    long second = System.currentTimeMillis() / 1000;
    if (second != dateSecond) {
      dateSecond = second;
      date = HTTP_DATE.format(Instant.ofEpochSecond(second));
    }
    return date;
  }

  static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 431:
        return "Request Header Fields Too Large";
      case 500:
        return "Internal Server Error";
      case 503:
        return "Service Unavailable";
      case 505:
        return "HTTP Version Not Supported";
      default:
        return "Status";
    }
  }

  /**
   * The streamed body: collects small writes in the reused chunk buffer, passes large ones on
   * without a copy, and frames each as a chunk. The response's head goes out with the first chunk,
   * in one write.
   */
  private final class ChunkedBody extends OutputStream {
    private final byte[] buffer = new byte[CHUNK];
    private final byte[] sizeLine = new byte[10]; // up to 8 hex digits, CRLF
    private int count;
    private @Nullable Sink sink;
    private @Nullable ByteBuffer pendingHead;
    private boolean chunked;

    void start(Sink sink, ByteBuffer head, boolean chunked) {
      this.sink = sink;
      this.pendingHead = head;
      this.chunked = chunked;
      this.count = 0;
    }

    @Override
    public void write(int b) throws IOException {
      if (count == buffer.length) {
        drain();
      }
      buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len >= buffer.length) {
        drain();
        for (int done = 0; done < len; done += CHUNK) {
          send(b, off + done, Math.min(CHUNK, len - done));
        }
        return;
      }
      if (count + len > buffer.length) {
        drain();
      }
      System.arraycopy(b, off, buffer, count, len);
      count += len;
    }

    /** Sends what is buffered (and the head, if still pending). */
    private void drain() throws IOException {
      if (count > 0) {
        send(buffer, 0, count);
        count = 0;
      }
    }

    void finish() throws IOException {
      drain();
      Sink s = sink;
      if (s == null) {
        return;
      }
      int n = 0;
      if (pendingHead != null) {
        frame[n++] = pendingHead;
        pendingHead = null;
      }
      if (chunked) {
        frame[n++] = ByteBuffer.wrap(LAST_CHUNK);
      }
      if (n > 0) {
        s.write(frame, 0, n);
      }
      sink = null;
    }

    private void send(byte[] b, int off, int len) throws IOException {
      Sink s = sink;
      if (s == null) {
        throw new IOException("the response is already complete");
      }
      int n = 0;
      if (pendingHead != null) {
        frame[n++] = pendingHead;
        pendingHead = null;
      }
      if (chunked) {
        frame[n++] = ByteBuffer.wrap(sizeLine, 0, sizeLine(len));
      }
      frame[n++] = ByteBuffer.wrap(b, off, len);
      if (chunked) {
        frame[n++] = ByteBuffer.wrap(CRLF);
      }
      s.write(frame, 0, n);
    }

    /** Writes {@code len} in hex and CRLF into {@link #sizeLine}; returns its length. */
    private int sizeLine(int len) {
      String hex = Integer.toHexString(len);
      int n = 0;
      for (int i = 0; i < hex.length(); i++) {
        sizeLine[n++] = (byte) hex.charAt(i);
      }
      sizeLine[n++] = '\r';
      sizeLine[n++] = '\n';
      return n;
    }
  }
}
