package io.perfagent.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHeadTest {

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static RequestHead parse(String head) throws RequestHead.Malformed {
    byte[] b = bytes(head);
    int end = RequestHead.end(b, 0, b.length);
    assertThat(end).as("a complete head").isEqualTo(b.length);
    return RequestHead.parse(b, 0, end);
  }

  private static int malformedStatus(String head) {
    byte[] b = bytes(head);
    int end = RequestHead.end(b, 0, b.length);
    try {
      RequestHead.parse(b, 0, end < 0 ? b.length : end);
    } catch (RequestHead.Malformed m) {
      return m.status;
    }
    throw new AssertionError("accepted: " + head);
  }

  @Test
  void parse_readsTheRequestLineAndTheHeadersTheRouterNeeds() throws Exception {
    RequestHead h =
        parse(
            "GET /metrics?last_n=5&format=csv HTTP/1.1\r\nHost: 127.0.0.1:9001\r\n"
                + "authorization: Bearer t\r\nACCEPT:application/openmetrics-text\r\n"
                + "X-Other: ignored\r\n\r\n");
    assertThat(h.method).isEqualTo("GET");
    assertThat(h.rawPath).isEqualTo("/metrics");
    assertThat(h.rawQuery).isEqualTo("last_n=5&format=csv");
    assertThat(h.http11).isTrue();
    assertThat(h.host).isEqualTo("127.0.0.1:9001");
    assertThat(h.authorization).isEqualTo("Bearer t");
    assertThat(h.accept).isEqualTo("application/openmetrics-text");
    assertThat(h.close).isFalse();
    assertThat(h.contentLength).isZero();
  }

  @Test
  void parse_keepsThePathPercentEncoded_andAcceptsTheAbsoluteForm() throws Exception {
    assertThat(parse("GET /a%20b HTTP/1.1\r\nHost: x\r\n\r\n").rawPath).isEqualTo("/a%20b");
    RequestHead absolute =
        parse("GET http://127.0.0.1:9001/health?x=1 HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(absolute.rawPath).isEqualTo("/health");
    assertThat(absolute.rawQuery).isEqualTo("x=1");
    assertThat(parse("GET http://127.0.0.1:9001 HTTP/1.1\r\nHost: x\r\n\r\n").rawPath)
        .isEqualTo("/");
  }

  @Test
  void connection_http11KeepsAliveUnlessClose_http10ClosesUnlessKeepAlive() throws Exception {
    assertThat(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: Close\r\n\r\n").close).isTrue();
    assertThat(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, TE\r\n\r\n").close)
        .isFalse();
    RequestHead old = parse("GET / HTTP/1.0\r\n\r\n");
    assertThat(old.http11).isFalse();
    assertThat(old.close).isTrue();
    assertThat(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").close).isFalse();
  }

  @Test
  void bareLineFeeds_andOneLeadingEmptyLine_areAccepted() throws Exception {
    RequestHead h = parse("\r\nGET /health HTTP/1.1\nHost: x\n\n");
    assertThat(h.rawPath).isEqualTo("/health");
    assertThat(h.host).isEqualTo("x");
  }

  @Test
  void bodies_areDescribedForTheServerToSkipOrCloseOn() throws Exception {
    RequestHead post = parse("POST /h HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\n\r\n");
    assertThat(post.contentLength).isEqualTo(12);
    assertThat(post.expectContinue).isFalse();
    RequestHead chunked =
        parse("POST /h HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    assertThat(chunked.contentLength).isEqualTo(-1);
    assertThat(
            parse(
                    "POST /h HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
                .expectContinue)
        .isTrue();
  }

  @Test
  void malformedHeads_areAnswered400_andAnUnknownVersion505() {
    assertThat(malformedStatus("GET /\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(malformedStatus("GET  / HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(malformedStatus("GET / HTTP/1.1 extra\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(malformedStatus("G(T / HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(malformedStatus("GET metrics HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(malformedStatus("GET /\u0001 HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(malformedStatus("GET / FTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(400);
    assertThat(malformedStatus("GET / HTTP/2.0\r\nHost: x\r\n\r\n")).isEqualTo(505);
    assertThat(malformedStatus("GET / HTTP/1.1\r\nHost : x\r\n\r\n")).isEqualTo(400);
    assertThat(malformedStatus("GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n")).isEqualTo(400);
    assertThat(malformedStatus("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\n  folded\r\n\r\n"))
        .isEqualTo(400);
    assertThat(malformedStatus("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n")).isEqualTo(400);
    assertThat(malformedStatus("GET / HTTP/1.1\r\n\r\n")).as("1.1 needs Host").isEqualTo(400);
    assertThat(malformedStatus("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"))
        .isEqualTo(400);
    assertThat(
            malformedStatus(
                "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"))
        .isEqualTo(400);
  }

  @Test
  void aHeadWithoutItsEmptyLine_isStillParsedLineByLine_neverOutOfBounds() throws Exception {
    byte[] b = bytes("GET /health HTTP/1.1\r\nHost: x");
    RequestHead h = RequestHead.parse(b, 0, b.length);
    assertThat(h.host).isEqualTo("x");
  }

  @Test
  void aMalformedHeadsMessage_quotesTheLineWithoutControlCharacters() {
    byte[] b = bytes("GET / HTTP/1.1\r\nHost: x\r\nBad\u001b[31m\r\n\r\n");
    assertThatThrownBy(() -> RequestHead.parse(b, 0, RequestHead.end(b, 0, b.length)))
        .isInstanceOf(RequestHead.Malformed.class)
        .hasMessageContaining("'Bad?[31m'");
  }

  @Test
  void end_isMinusOneForEveryPrefixOfAHead_untilItsEmptyLineArrives() {
    byte[] b = bytes("GET /health HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n");
    for (int partial = 0; partial < b.length; partial++) {
      assertThat(RequestHead.end(b, 0, partial)).as("first %d bytes", partial).isEqualTo(-1);
    }
    assertThat(RequestHead.end(b, 0, b.length)).isEqualTo(b.length);
  }

  @Test
  void pipelinedHeads_areFoundOneAfterTheOther() throws Exception {
    String first = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    String second = "HEAD /metrics/summary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    byte[] b = bytes(first + second + "GET /par");
    int end1 = RequestHead.end(b, 0, b.length);
    assertThat(end1).isEqualTo(first.length());
    assertThat(RequestHead.parse(b, 0, end1).rawPath).isEqualTo("/health");
    int end2 = RequestHead.end(b, end1, b.length);
    assertThat(end2).isEqualTo(first.length() + second.length());
    RequestHead h2 = RequestHead.parse(b, end1, end2);
    assertThat(h2.method).isEqualTo("HEAD");
    assertThat(h2.rawPath).isEqualTo("/metrics/summary");
    assertThat(h2.close).isTrue();
    assertThat(RequestHead.end(b, end2, b.length)).as("the third is still partial").isEqualTo(-1);
  }
}
