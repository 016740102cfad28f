package io.perfagent.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseWriterTest {

  /** Keeps every write apart, to see how the response was cut. */
  private static final class Recording implements ResponseWriter.Sink {
    final List<byte[]> writes = new ArrayList<>();

    @Override
    public void write(ByteBuffer[] buffers, int offset, int length) {
      ByteArrayOutputStream one = new ByteArrayOutputStream();
      for (int i = offset; i < offset + length; i++) {
        while (buffers[i].hasRemaining()) {
          one.write(buffers[i].get());
        }
      }
      writes.add(one.toByteArray());
    }

    byte[] all() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      writes.forEach(out::writeBytes);
      return out.toByteArray();
    }
  }

  private static String text(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; s.length() < n; i++) {
      s.append("line ").append(i).append('\n');
    }
    return s.substring(0, n);
  }

  @Test
  void aStreamedBodyOfManySmallWrites_goesOutInFullChunks_withTheHeadInTheFirstWrite()
      throws Exception {
    String body = text(100_000);
    Response r =
        Response.streamed(
            "text/plain",
            out -> {
              for (int i = 0; i < body.length(); i += 128) {
                out.write(body.substring(i, Math.min(body.length(), i + 128)).getBytes());
              }
            });
    Recording sink = new Recording();
    boolean open = new ResponseWriter().write(r, false, true, true, sink);
    assertThat(open).isTrue();
    assertThat(new String(sink.writes.get(0), StandardCharsets.ISO_8859_1))
        .startsWith("HTTP/1.1 200 OK\r\n")
        .contains("\r\nTransfer-Encoding: chunked\r\n\r\n4000\r\nline 0\n");
    HttpTestClient.Reply reply = HttpTestClient.read(new ByteArrayInputStream(sink.all()), false);
    assertThat(reply.text()).isEqualTo(body);
    assertThat(reply.chunkSizes).hasSize(7);
    assertThat(reply.chunkSizes.subList(0, 6)).containsOnly(ResponseWriter.CHUNK);
  }

  @Test
  void oneLargeWrite_isPassedOnInChunksWithoutTheBuffer_andTheLastChunkEndsTheBody()
      throws Exception {
    String body = text(40_000);
    Response r = Response.streamed("text/plain", out -> out.write(body.getBytes()));
    Recording sink = new Recording();
    new ResponseWriter().write(r, false, true, true, sink);
    HttpTestClient.Reply reply = HttpTestClient.read(new ByteArrayInputStream(sink.all()), false);
    assertThat(reply.text()).isEqualTo(body);
    assertThat(reply.chunkSizes).containsExactly(16384, 16384, 40_000 - 2 * 16384);
    assertThat(new String(sink.writes.get(sink.writes.size() - 1), StandardCharsets.US_ASCII))
        .isEqualTo("0\r\n\r\n");
  }

  @Test
  void anEmptyStreamedBody_stillSendsItsHeadAndTheLastChunk() throws Exception {
    Recording sink = new Recording();
    new ResponseWriter().write(Response.streamed("text/plain", out -> {}), false, true, true, sink);
    assertThat(sink.writes).hasSize(1);
    HttpTestClient.Reply reply = HttpTestClient.read(new ByteArrayInputStream(sink.all()), false);
    assertThat(reply.status).isEqualTo(200);
    assertThat(reply.body).isEmpty();
  }

  @Test
  void toHttp10_aStreamedBodyIsDelimitedByTheClose_andTheWriterSaysSo() throws Exception {
    Recording sink = new Recording();
    boolean open =
        new ResponseWriter()
            .write(
                Response.streamed("text/plain", out -> out.write('x')), false, false, true, sink);
    assertThat(open).isFalse();
    String all = new String(sink.all(), StandardCharsets.ISO_8859_1);
    assertThat(all).contains("\r\nConnection: close\r\n\r\nx").doesNotContain("chunked");
  }

  @Test
  void aHeadRequest_getsTheHeadersOnly_andAStreamedBodyIsNotProduced() throws Exception {
    Recording sink = new Recording();
    Response r =
        Response.streamed(
            "text/plain",
            out -> {
              throw new AssertionError("produced for HEAD");
            });
    assertThat(new ResponseWriter().write(r, true, true, true, sink)).isTrue();
    Recording fixed = new Recording();
    new ResponseWriter().write(Response.json("{\"a\":1}"), true, true, true, fixed);
    String head = new String(fixed.all(), StandardCharsets.ISO_8859_1);
    assertThat(head).contains("Content-Length: 7\r\n").endsWith("\r\n\r\n");
  }

  @Test
  void headerValues_cannotSplitTheHead() throws Exception {
    Recording sink = new Recording();
    Response r = Response.json("{}").withHeader("WWW-Authenticate", "Bearer\r\nX-Evil: 1");
    new ResponseWriter().write(r, false, true, false, sink);
    String all = new String(sink.all(), StandardCharsets.ISO_8859_1);
    assertThat(all).contains("WWW-Authenticate: Bearer  X-Evil: 1\r\n");
    assertThat(all).contains("Connection: close\r\n").endsWith("\r\n\r\n{}");
  }
}
