package io.perfagent.agent.endpoint;

import io.perfagent.agent.log.AgentLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint's HTTP/1.1 server, on exactly one daemon thread ({@value #THREAD_NAME}): one
 * selector accepts connections and reads request heads without blocking; each complete request is
 * routed and its response written before the next is read. Keep-alive connections are closed when
 * idle, from the same loop, so no timer thread is needed (the JDK's {@code HttpServer} always runs
 * two threads, its dispatcher and an idle-connection timer).
 *
 * <p>Bounded whatever clients do: at most {@link Limits#maxConnections} connections (when full, the
 * longest-idle one is closed to make room, or the newcomer gets 503), request heads of at most
 * {@link Limits#maxHeadBytes} (else 431), a request must be complete within {@link
 * Limits#idleMillis} of the connection's last response, and each response must be taken by the
 * client within {@link Limits#writeMillis}: a stalled client delays other endpoint requests by at
 * most that, and never sampling, analysis or the application. Request bodies are not read: a body
 * of up to 64 KB is skipped, a larger or chunked one closes the connection after the answer.
 */
final class EndpointServer {

  /** The name of the endpoint's one thread. */
  static final String THREAD_NAME = "perf-agent-endpoint";

  /** The largest request body skipped to keep a connection open (a read-only endpoint has none). */
  private static final long MAX_SKIPPED_BODY = 64 * 1024;

  private static final byte[] BUSY =
      ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
              + "Content-Length: 64\r\nConnection: close\r\n\r\n"
              + String.format("%-63s\n", "{\"error\":\"too many connections\",\"status\":503}"))
          .getBytes(StandardCharsets.ISO_8859_1);

  /** The server's bounds. */
  static final class Limits {
    final int maxConnections;
    final int maxHeadBytes;
    final long idleMillis;
    final long writeMillis;

    Limits(int maxConnections, int maxHeadBytes, long idleMillis, long writeMillis) {
      this.maxConnections = maxConnections;
      this.maxHeadBytes = maxHeadBytes;
      this.idleMillis = idleMillis;
      this.writeMillis = writeMillis;
    }

    /**
     * 16 connections (a dashboard tab, a Prometheus, a few CLIs), 8 KB heads (a browser's are under
     * 2 KB), 30 s idle (as the JDK server), 30 s to take a response (a scrape of 1 000 methods is
     * about 3 MB).
     */
    static Limits defaults() {
      return new Limits(16, 8 * 1024, 30_000, 30_000);
    }
  }

  private final ServerSocketChannel serverChannel;
  private final Selector selector;
  private final Selector writeSelector;
  private final Router router;
  private final Limits limits;
  private final int port;
  private final ResponseWriter writer = new ResponseWriter();
  private final List<HttpConnection> connections = new ArrayList<>();
  private volatile boolean running = true;
  private @Nullable Thread thread;

  private EndpointServer(
      ServerSocketChannel serverChannel,
      Selector selector,
      Selector writeSelector,
      Router router,
      Limits limits) {
    this.serverChannel = serverChannel;
    this.selector = selector;
    this.writeSelector = writeSelector;
    this.router = router;
    this.limits = limits;
    this.port = ((InetSocketAddress) serverChannel.socket().getLocalSocketAddress()).getPort();
  }

  /**
   * Binds {@code address} (port 0: any free port) and starts the server's thread.
   *
   * @throws java.net.BindException the port is taken
   */
  static EndpointServer start(InetSocketAddress address, Router router, Limits limits)
      throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    Selector selector = null;
    Selector writeSelector = null;
    try {
      channel.bind(address, 16);
      channel.configureBlocking(false);
      selector = Selector.open();
      writeSelector = Selector.open();
      channel.register(selector, SelectionKey.OP_ACCEPT);
      EndpointServer server = new EndpointServer(channel, selector, writeSelector, router, limits);
      Thread t = new Thread(server::run, THREAD_NAME);
      t.setDaemon(true);
      server.thread = t;
      t.start();
      return server;
    } catch (IOException | RuntimeException | Error e) {
      closeQuietly(channel);
      closeQuietly(selector);
      closeQuietly(writeSelector);
      throw e;
    }
  }

  int port() {
    return port;
  }

  /** Stops the thread and closes every connection; waits up to a second for the thread. */
  void close() {
    running = false;
    selector.wakeup();
    writeSelector.wakeup();
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Releases the port even if the thread is still inside a write; it closes the rest itself.
    closeQuietly(serverChannel);
  }

  private void run() {
    try {
      while (running) {
        try {
          step();
        } catch (ClosedSelectorException e) {
          break;
        } catch (Throwable t) { // the loop must outlive any one failure
          AgentLog.warnThrottled("endpoint", "endpoint loop failed (continuing): " + t);
          pause();
        }
      }
    } finally {
      for (HttpConnection c : connections) {
        c.close();
      }
      connections.clear();
      closeQuietly(serverChannel);
      closeQuietly(selector);
      closeQuietly(writeSelector);
    }
  }

  private void step() throws IOException {
    selector.select(nextTimeoutMillis());
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    while (keys.hasNext() && running) {
      SelectionKey key = keys.next();
      keys.remove();
      if (!key.isValid()) {
        continue;
      }
      if (key.isAcceptable()) {
        accept();
      } else if (key.isReadable()) {
        readable((HttpConnection) key.attachment());
      }
    }
    closeIdle();
  }

  /** Until the earliest idle deadline (0: no connection, wait for one). */
  private long nextTimeoutMillis() {
    if (connections.isEmpty()) {
      return 0;
    }
    long now = System.nanoTime();
    long earliest = Long.MAX_VALUE;
    for (HttpConnection c : connections) {
      earliest = Math.min(earliest, c.idleDeadlineNanos - now);
    }
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(earliest) + 1);
  }

  private void accept() throws IOException {
    SocketChannel channel = serverChannel.accept();
    if (channel == null) {
      return;
    }
    if (connections.size() >= limits.maxConnections && !closeLongestIdle()) {
      refuse(channel);
      return;
    }
    try {
      channel.configureBlocking(false);
      // Heads and bodies go out in few writes; without this, Nagle's algorithm and the client's
      // delayed ACK can hold a response's last segment for 40 ms.
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      HttpConnection c =
          new HttpConnection(channel, limits.maxHeadBytes, writeSelector, () -> running);
      c.idleDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.idleMillis);
      channel.register(selector, SelectionKey.OP_READ, c);
      connections.add(c);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
    }
  }

  /** Closes the idle connection that has waited longest; false when every one is mid-request. */
  private boolean closeLongestIdle() {
    HttpConnection oldest = null;
    for (HttpConnection c : connections) {
      if (!c.midRequest() && (oldest == null || c.idleDeadlineNanos < oldest.idleDeadlineNanos)) {
        oldest = c;
      }
    }
    if (oldest == null) {
      return false;
    }
    close(oldest);
    return true;
  }

  /** Answers 503 with what fits in the socket's buffer now, and closes. */
  private static void refuse(SocketChannel channel) {
    try {
      channel.configureBlocking(false);
      channel.write(ByteBuffer.wrap(BUSY));
    } catch (IOException | RuntimeException ignored) {
      // closing anyway
    } finally {
      closeQuietly(channel);
    }
  }

  private void closeIdle() {
    long now = System.nanoTime();
    for (int i = connections.size() - 1; i >= 0; i--) {
      HttpConnection c = connections.get(i);
      if (c.idleDeadlineNanos - now <= 0) {
        close(c);
      }
    }
  }

  private void readable(HttpConnection c) {
    try {
      if (!c.fill()) {
        close(c);
        return;
      }
      serve(c);
    } catch (IOException | RuntimeException e) {
      close(c); // the client went away, or stopped reading past the write deadline
    }
  }

  /** Answers every complete request buffered on {@code c} (pipelined requests in order). */
  private void serve(HttpConnection c) throws IOException {
    while (running) {
      RequestHead request;
      try {
        request = c.next();
      } catch (RequestHead.Malformed m) {
        c.startResponse(limits.writeMillis);
        writer.write(
            Response.error(m.status, String.valueOf(m.getMessage())), false, true, false, c);
        close(c);
        return;
      }
      if (request == null) {
        return;
      }
      // A body is not read: a small one is skipped afterwards; a large, chunked or awaited one
      // (Expect: 100-continue) ends the connection after the answer.
      boolean keepAlive =
          !request.close
              && request.contentLength >= 0
              && request.contentLength <= MAX_SKIPPED_BODY
              && !(request.expectContinue && request.contentLength > 0);
      Response response = route(request);
      c.startResponse(limits.writeMillis);
      keepAlive =
          writer.write(response, "HEAD".equals(request.method), request.http11, keepAlive, c);
      if (!keepAlive) {
        close(c);
        return;
      }
      c.discardBody(request.contentLength);
      c.idleDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.idleMillis);
    }
  }

  /** The router's answer; a failure in it is a 500, never a failure of the loop. */
  private Response route(RequestHead r) {
    try {
      return router.handle(r.method, r.rawPath, r.rawQuery, r.host, r.authorization, r.accept);
    } catch (Throwable failure) {
      AgentLog.warnThrottled("endpoint", "endpoint request failed: " + failure);
      return Response.error(500, "internal error: " + failure.getClass().getSimpleName());
    }
  }

  private void close(HttpConnection c) {
    connections.remove(c);
    c.close();
    try {
      // A closed channel's socket is released only once no selector holds its key; the write
      // selector is otherwise selected only while a response waits.
      writeSelector.selectNow();
    } catch (IOException | RuntimeException ignored) {
      // released at the next select
    }
  }

  /** After an unexpected failure: not a busy loop if it repeats. */
  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(@Nullable AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }
}
