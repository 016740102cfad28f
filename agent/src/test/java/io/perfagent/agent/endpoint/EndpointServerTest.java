package io.perfagent.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint's own HTTP server seen from real clients: raw sockets for the framing and the
 * bounds, the JDK's {@code HttpClient} and curl for what they expect of a server.
 */
class EndpointServerTest {

  private final FakeState state = new FakeState();
  private final List<Socket> sockets = new ArrayList<>();
  private EndpointServer server;

  private EndpointServer start(EndpointServer.Limits limits) throws IOException {
    Router router = new Router(state, "", true, () -> FakeState.START);
    server =
        EndpointServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), router, limits);
    return server;
  }

  private EndpointServer start() throws IOException {
    return start(EndpointServer.Limits.defaults());
  }

  @AfterEach
  void close() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout(20_000);
    s.setTcpNoDelay(true);
    sockets.add(s);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  }

  /** Whether the server closed the connection: the next read ends the stream (or resets it). */
  private static boolean closedByServer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException reset) {
      return true;
    }
  }

  private static String bigScrape(int lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      text.append("perf_method_calls_total{code_function_name=\"m").append(i).append("\"} ");
      text.append(i).append('\n');
    }
    return text.toString();
  }

  @Test
  void aRequestArrivingOneByteAtATime_isAnsweredOnceItsHeadIsComplete() throws Exception {
    start();
    Socket s = connect();
    for (byte b : get("/health").getBytes(StandardCharsets.ISO_8859_1)) {
      s.getOutputStream().write(b);
      s.getOutputStream().flush();
    }
    HttpTestClient.Reply r = HttpTestClient.read(s.getInputStream(), false);
    assertThat(r.status).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo(Response.JSON);
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("Date")).endsWith(" GMT");
    assertThat(r.header("Access-Control-Allow-Origin")).as("no CORS").isNull();
    assertThat(r.text()).contains("\"status\":\"Insufficient data\"");
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder_onOneConnection_untilConnectionClose()
      throws Exception {
    start();
    Socket s = connect();
    send(
        s,
        get("/health")
            + get("/nope")
            + "HEAD /metrics/prometheus HTTP/1.1\r\nHost: localhost\r\n\r\n"
            + "GET /metrics/prometheus HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    InputStream in = s.getInputStream();
    assertThat(HttpTestClient.read(in, false).status).isEqualTo(200);
    HttpTestClient.Reply missing = HttpTestClient.read(in, false);
    assertThat(missing.status).isEqualTo(404);
    assertThat(missing.text()).startsWith("{\"error\":\"no route /nope");
    HttpTestClient.Reply head = HttpTestClient.read(in, true);
    assertThat(head.status).isEqualTo(200);
    assertThat(head.header("Content-Type")).startsWith("text/plain; version=0.0.4");
    HttpTestClient.Reply last = HttpTestClient.read(in, false);
    assertThat(last.text()).isEqualTo(state.prometheusText);
    assertThat(last.header("Connection")).isEqualTo("close");
    assertThat(in.read()).as("closed after Connection: close").isEqualTo(-1);
  }

  @Test
  void aStreamedScrape_goesOutInBoundedChunks_toHttp11_andUntilTheClose_toHttp10()
      throws Exception {
    state.prometheusText = bigScrape(20_000); // about 1 MB
    start();
    Socket s = connect();
    send(s, get("/metrics/prometheus"));
    HttpTestClient.Reply chunked = HttpTestClient.read(s.getInputStream(), false);
    assertThat(chunked.header("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(chunked.text()).isEqualTo(state.prometheusText);
    assertThat(chunked.chunkSizes).hasSizeGreaterThan(10).allMatch(n -> n <= 16 * 1024);
    send(s, get("/health")); // the same connection still serves
    assertThat(HttpTestClient.read(s.getInputStream(), false).status).isEqualTo(200);

    Socket old = connect();
    send(old, "GET /metrics/prometheus HTTP/1.0\r\n\r\n");
    HttpTestClient.Reply closeDelimited = HttpTestClient.read(old.getInputStream(), false);
    assertThat(closeDelimited.header("Transfer-Encoding")).isNull();
    assertThat(closeDelimited.text()).isEqualTo(state.prometheusText);
  }

  @Test
  void anHttp10ClientAskingForKeepAlive_getsContentLengthAndKeepsItsConnection() throws Exception {
    start();
    Socket s = connect();
    send(s, "GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    HttpTestClient.Reply r = HttpTestClient.read(s.getInputStream(), false);
    assertThat(r.header("Connection")).isEqualTo("keep-alive");
    assertThat(r.header("Content-Length")).isEqualTo(String.valueOf(r.body.length));
    send(s, "GET /health HTTP/1.0\r\n\r\n");
    assertThat(HttpTestClient.read(s.getInputStream(), false).header("Connection"))
        .isEqualTo("close");
    assertThat(s.getInputStream().read()).isEqualTo(-1);
  }

  @Test
  void anOversizeHead_gets431_andTheConnectionCloses() throws Exception {
    start(new EndpointServer.Limits(4, 1024, 30_000, 30_000));
    Socket s = connect();
    send(s, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n");
    HttpTestClient.Reply r = HttpTestClient.read(s.getInputStream(), false);
    assertThat(r.status).isEqualTo(431);
    assertThat(r.text()).contains("larger than 1024 bytes").contains("\"status\":431");
    assertThat(closedByServer(s)).isTrue();
  }

  @Test
  void aMalformedRequest_gets400NamingTheProblem_andTheConnectionCloses() throws Exception {
    start();
    Socket s = connect();
    send(s, "GET /health\r\nHost: localhost\r\n\r\n");
    HttpTestClient.Reply r = HttpTestClient.read(s.getInputStream(), false);
    assertThat(r.status).isEqualTo(400);
    assertThat(r.text()).contains("the request line is not 'METHOD target HTTP/1.1'");
    assertThat(closedByServer(s)).isTrue();
  }

  @Test
  void aSmallRequestBody_isSkipped_andTheNextRequestIsServed() throws Exception {
    start();
    Socket s = connect();
    send(
        s,
        "POST /health HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello"
            + get("/health"));
    HttpTestClient.Reply post = HttpTestClient.read(s.getInputStream(), false);
    assertThat(post.status).isEqualTo(405);
    assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(HttpTestClient.read(s.getInputStream(), false).status).isEqualTo(200);
  }

  @Test
  void aChunkedRequestBody_isAnswered_andThenTheConnectionCloses() throws Exception {
    start();
    Socket s = connect();
    send(
        s,
        "POST /health HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n0\r\n\r\n");
    HttpTestClient.Reply post = HttpTestClient.read(s.getInputStream(), false);
    assertThat(post.status).isEqualTo(405);
    assertThat(post.header("Connection")).isEqualTo("close");
  }

  @Test
  void aForeignHost_isRefused403_asWithTheJdkServer() throws Exception {
    start();
    Socket s = connect();
    send(s, "GET /health HTTP/1.1\r\nHost: evil.example:9001\r\n\r\n");
    HttpTestClient.Reply r = HttpTestClient.read(s.getInputStream(), false);
    assertThat(r.status).isEqualTo(403);
    assertThat(r.text()).contains("Host 'evil.example:9001' is not this endpoint");
  }

  @Test
  void aClientThatStopsReading_losesItsConnectionAtTheWriteDeadline_andOthersAreServedAfter()
      throws Exception {
    state.prometheusText = bigScrape(200_000); // about 10 MB: more than any socket buffers
    start(new EndpointServer.Limits(4, 8 * 1024, 30_000, 500));
    Socket stalled = new Socket();
    stalled.setReceiveBufferSize(4096);
    stalled.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    sockets.add(stalled);
    send(stalled, get("/metrics/prometheus"));

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> health =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);

    long received = 0;
    try (InputStream in = stalled.getInputStream()) {
      stalled.setSoTimeout(20_000);
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        received += n;
      }
    } catch (SocketException reset) {
      // the server gave up on it: what matters is that the response is cut short
    }
    assertThat(received)
        .as("bytes the stalled client got")
        .isLessThan(state.prometheusText.length());
  }

  @Test
  void anIdleConnection_andOneThatNeverCompletesItsHead_areClosedAfterTheIdleTimeout()
      throws Exception {
    start(new EndpointServer.Limits(4, 8 * 1024, 300, 30_000));
    Socket idle = connect();
    Socket slow = connect();
    send(slow, "GET /health HTTP/1.1\r\nHost: loc");
    Socket served = connect();
    send(served, get("/health"));
    assertThat(HttpTestClient.read(served.getInputStream(), false).status).isEqualTo(200);
    assertThat(closedByServer(idle)).isTrue();
    assertThat(closedByServer(slow)).isTrue();
    assertThat(closedByServer(served)).as("idle again after its response").isTrue();
  }

  @Test
  void atMaxConnections_theLongestIdleOneMakesRoom_andWhenAllAreBusyANewcomerGets503()
      throws Exception {
    start(new EndpointServer.Limits(2, 8 * 1024, 30_000, 30_000));
    Socket first = connect();
    send(first, get("/health"));
    assertThat(HttpTestClient.read(first.getInputStream(), false).status).isEqualTo(200);
    Socket second = connect();
    send(second, get("/health"));
    assertThat(HttpTestClient.read(second.getInputStream(), false).status).isEqualTo(200);

    Socket third = connect();
    send(third, get("/health"));
    assertThat(HttpTestClient.read(third.getInputStream(), false).status).isEqualTo(200);
    assertThat(closedByServer(first)).as("the longest idle made room").isTrue();

    // Both open connections now hold part of a request: nothing can make room.
    send(second, "GET /health HTTP/1.1\r\n");
    send(third, "GET /health HTTP/1.1\r\n");
    // The server must have read those partial heads before the newcomer arrives: nothing on the
    // wire can show that, so give it half a second (a loaded machine needs far less).
    TimeUnit.MILLISECONDS.sleep(500);
    Socket fourth = connect();
    HttpTestClient.Reply busy = HttpTestClient.read(fourth.getInputStream(), false);
    assertThat(busy.status).isEqualTo(503);
    assertThat(busy.text()).contains("too many connections");
    send(second, "Host: localhost\r\n\r\n");
    assertThat(HttpTestClient.read(second.getInputStream(), false).status)
        .as("the busy ones still complete")
        .isEqualTo(200);
  }

  @Test
  void theServerRunsOnExactlyOneNamedDaemonThread_whichEndsAtClose() throws Exception {
    start();
    for (int i = 0; i < 8; i++) {
      Socket s = connect();
      send(s, get("/metrics/prometheus"));
      assertThat(HttpTestClient.read(s.getInputStream(), false).status).isEqualTo(200);
    }
    List<Thread> endpoint = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(EndpointServer.THREAD_NAME)
          || t.getName().equals("HTTP-Dispatcher")
          || t.getName().equals("idle-timeout-task")) {
        endpoint.add(t);
      }
    }
    assertThat(endpoint).hasSize(1);
    assertThat(endpoint.get(0).getName()).isEqualTo("perf-agent-endpoint");
    assertThat(endpoint.get(0).isDaemon()).isTrue();
    int port = server.port();
    server.close();
    endpoint.get(0).join(10_000);
    assertThat(endpoint.get(0).isAlive()).isFalse();
    // The port is free again.
    try (java.net.ServerSocket again =
        new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    server = null;
  }

  @Test
  void theJdkHttpClient_reusesItsConnection_andReadsEveryKindOfBody() throws Exception {
    state.prometheusText = bigScrape(5_000);
    start();
    HttpClient client = HttpClient.newHttpClient(); // HTTP/2 upgrade offered, 1.1 answered
    String base = "http://127.0.0.1:" + server.port();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> prom =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics/prometheus")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(prom.statusCode()).isEqualTo(200);
      assertThat(prom.body()).isEqualTo(state.prometheusText);
      HttpResponse<String> open =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics/prometheus"))
                  .header("Accept", "application/openmetrics-text; version=1.0.0")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(open.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/openmetrics-text");
      assertThat(open.body()).endsWith("# EOF\n");
      HttpResponse<String> csv =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/metrics/summary?format=csv")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      assertThat(csv.body()).startsWith("kind,name,calls,");
    }
    HttpResponse<String> page =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(Dashboard.CSP);
    assertThat(page.body()).contains("<html");
  }

  @Test
  void curl_reusesOneConnectionForSeveralUrls_andReadsHeadAndHttp10() throws Exception {
    state.prometheusText = bigScrape(5_000);
    start();
    String base = "http://127.0.0.1:" + server.port();
    String reuse =
        curl(
            "-sS",
            "-w",
            "%{http_code} %{num_connects}\\n",
            "-o",
            "/dev/null",
            base + "/health",
            "-o",
            "/dev/null",
            base + "/metrics/prometheus",
            "-o",
            "/dev/null",
            base + "/metrics/summary",
            "-o",
            "/dev/null",
            base + "/nope");
    assertThat(reuse.split("\n")).containsExactly("200 1", "200 0", "200 0", "404 0");
    assertThat(curl("-sS", base + "/metrics/prometheus")).isEqualTo(state.prometheusText);
    assertThat(curl("-sS", "--http1.0", base + "/metrics/prometheus"))
        .isEqualTo(state.prometheusText);
    String head = curl("-sS", "-I", base + "/health");
    assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").contains("Content-Length: ");
    String refused = curl("-sS", "-X", "DELETE", "-w", "%{http_code}", base + "/health");
    assertThat(refused).endsWith("405").contains("the endpoint is read-only");
  }

  private static String curl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "--max-time", "20"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("curl %s: %s", command, out).isZero();
    return out;
  }
}
