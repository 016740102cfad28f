package io.perfagent.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A strict reader of raw HTTP/1.1 responses from a socket, for tests that must see the framing
 * itself (chunks, lengths, a close): it reads exactly one response and nothing beyond it.
 */
final class HttpTestClient {

  /** One response as it came over the wire. */
  static final class Reply {
    final int status;
    final Map<String, String> headers; // lower-case names
    final byte[] body;
    final List<Integer> chunkSizes;

    Reply(int status, Map<String, String> headers, byte[] body, List<Integer> chunkSizes) {
      this.status = status;
      this.headers = headers;
      this.body = body;
      this.chunkSizes = chunkSizes;
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private HttpTestClient() {}

  /**
   * Reads one response; {@code head} when it answers a HEAD request (no body whatever the headers
   * say).
   */
  static Reply read(InputStream in, boolean head) throws IOException {
    String statusLine = line(in);
    assertThat(statusLine).startsWith("HTTP/1.1 ");
    int status = Integer.parseInt(statusLine.substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<Integer> chunks = new ArrayList<>();
    if (head) {
      return new Reply(status, headers, new byte[0], chunks);
    }
    if ("chunked".equals(headers.get("transfer-encoding"))) {
      for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
        chunks.add(size);
        body.write(exactly(in, size));
        assertThat(line(in)).as("CRLF after a chunk").isEmpty();
      }
      assertThat(line(in)).as("CRLF after the last chunk").isEmpty();
    } else if (headers.containsKey("content-length")) {
      body.write(exactly(in, Integer.parseInt(headers.get("content-length"))));
    } else {
      assertThat(headers.get("connection")).as("a body delimited by the close").isEqualTo("close");
      body.write(in.readAllBytes());
    }
    return new Reply(status, headers, body.toByteArray(), chunks);
  }

  private static int chunkSize(InputStream in) throws IOException {
    return Integer.parseInt(line(in), 16);
  }

  private static byte[] exactly(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    assertThat(b.length).as("bytes before the stream ended").isEqualTo(n);
    return b;
  }

  /** One CRLF-terminated line, without the CRLF. */
  static String line(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int c = in.read(); ; c = in.read()) {
      if (c < 0) {
        throw new IOException("the stream ended inside a line: '" + s + "'");
      }
      if (c == '\n') {
        assertThat(s.length() > 0 && s.charAt(s.length() - 1) == '\r').as("CRLF").isTrue();
        return s.substring(0, s.length() - 1);
      }
      s.append((char) c);
    }
  }
}
