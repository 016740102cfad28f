package io.perfagent.agent.alert;

import io.perfagent.agent.log.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * POSTs alert JSON to the configured webhook without ever blocking the caller: {@link #offer} puts
 * the payload in a bounded queue (a full queue drops it and counts the drop), and one daemon
 * thread, started on the first offer, sends payloads in order. A failed POST (no connection, a
 * timeout, a status other than 2xx) is retried with exponential backoff and full jitter; after the
 * last attempt it is counted as failed. The configured headers may hold secrets: they are sent,
 * never logged; log lines name the URL without its user info or query.
 */
final class WebhookSender implements AutoCloseable {

  static final int QUEUE_CAPACITY = 256;
  static final int ATTEMPTS = 6;
  static final long FIRST_BACKOFF_MILLIS = 500;
  static final long MAX_BACKOFF_MILLIS = 30_000;
  static final int TIMEOUT_MILLIS = 5_000;

  private final URL url;
  private final String shownUrl;
  private final Map<String, String> headers;
  private final long firstBackoffMillis;
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private @Nullable Thread thread;
  private volatile boolean closed;

  /** Set when close gave up waiting: the thread drops what is left and ends. */
  private volatile boolean stopped;

  private WebhookSender(URL url, Map<String, String> headers, long firstBackoffMillis) {
    this.url = url;
    this.shownUrl = shown(url);
    this.headers = headers;
    this.firstBackoffMillis = firstBackoffMillis;
  }

  /**
   * A sender to {@code url} with {@code headers} ({@code name=value,...}).
   *
   * @throws IllegalArgumentException naming what is expected (the message never holds a header
   *     value)
   */
  static WebhookSender create(String url, String headers, long firstBackoffMillis) {
    URL parsed;
    try {
      URI uri = new URI(url.trim());
      if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("not http(s)");
      }
      parsed = uri.toURL();
    } catch (Exception e) {
      throw new IllegalArgumentException("expected an http:// or https:// URL");
    }
    return new WebhookSender(parsed, parseHeaders(headers), firstBackoffMillis);
  }

  static Map<String, String> parseHeaders(@Nullable String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.trim().isEmpty()) {
      return out;
    }
    for (String part : text.split(",")) {
      int eq = part.indexOf('=');
      String name = eq > 0 ? part.substring(0, eq).trim() : "";
      if (name.isEmpty() || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
        throw new BadHeaders(
            "expected name=value pairs separated by , (header " + (out.size() + 1) + " is not)");
      }
      out.put(name, part.substring(eq + 1).trim());
    }
    return Collections.unmodifiableMap(out);
  }

  /** The headers do not parse; the message names which one, never a value. */
  static final class BadHeaders extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadHeaders(String message) {
      super(message);
    }
  }

  /** Queues one JSON payload; never blocks. False (and counted) when the queue is full. */
  boolean offer(String json) {
    if (closed) {
      return false;
    }
    startOnce();
    if (!queue.offer(json)) {
      long n = dropped.incrementAndGet();
      AgentLog.warnEvery(
          "webhook-drop",
          60_000,
          "the alert webhook queue is full ("
              + QUEUE_CAPACITY
              + "); "
              + n
              + " alert deliveries dropped so far to "
              + shownUrl);
      return false;
    }
    return true;
  }

  private synchronized void startOnce() {
    if (thread == null) {
      thread = new Thread(this::run, "perf-agent-webhook");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void run() {
    try {
      while (!stopped && (!closed || !queue.isEmpty())) {
        String json = queue.poll(200, TimeUnit.MILLISECONDS);
        if (json != null) {
          deliver(json);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      AgentLog.warn("the alert webhook sender stopped", t);
    }
  }

  private void deliver(String json) throws InterruptedException {
    String problem = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      problem = post(json);
      if (problem == null) {
        delivered.incrementAndGet();
        return;
      }
      if (attempt == ATTEMPTS || closed || stopped) {
        break; // at exit, one attempt each: the JVM is not held for retries
      }
      retries.incrementAndGet();
      long cap = Math.min(MAX_BACKOFF_MILLIS, firstBackoffMillis << (attempt - 1));
      // "Full jitter": a random wait up to the exponential cap, so many agents do not retry in
      // step.
      Thread.sleep(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }
    failed.incrementAndGet();
    AgentLog.warnEvery(
        "webhook-fail",
        60_000,
        "the alert webhook "
            + shownUrl
            + " refused a delivery after "
            + ATTEMPTS
            + " attempts ("
            + problem
            + "); "
            + failed.get()
            + " failed so far");
  }

  /** One POST; null when the receiver accepted it, else what went wrong (no header values). */
  private @Nullable String post(String json) {
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) url.openConnection();
      c.setConnectTimeout(TIMEOUT_MILLIS);
      c.setReadTimeout(TIMEOUT_MILLIS);
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setInstanceFollowRedirects(false);
      c.setRequestProperty("Content-Type", "application/json; charset=utf-8");
      c.setRequestProperty("User-Agent", "perf-agent");
      for (Map.Entry<String, String> h : headers.entrySet()) {
        c.setRequestProperty(h.getKey(), h.getValue());
      }
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      c.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      drain(status < 400 ? c.getInputStream() : c.getErrorStream());
      return status / 100 == 2 ? null : "HTTP " + status;
    } catch (IOException | RuntimeException e) {
      return e.getClass().getSimpleName();
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
  }

  private static void drain(@Nullable InputStream in) throws IOException {
    if (in != null) {
      try (InputStream s = in) {
        byte[] buffer = new byte[1024];
        while (s.read(buffer) >= 0) {
          // discard
        }
      }
    }
  }

  private static String shown(URL url) {
    return url.getProtocol()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + url.getPath();
  }

  String shownUrl() {
    return shownUrl;
  }

  long delivered() {
    return delivered.get();
  }

  long failed() {
    return failed.get();
  }

  long dropped() {
    return dropped.get();
  }

  long retries() {
    return retries.get();
  }

  int queued() {
    return queue.size();
  }

  /** Stops taking payloads, gives the queue up to {@code millis} to drain, and reports losses. */
  void close(long millis) {
    closed = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        if (millis > 0) {
          t.join(millis);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopped = true;
      t.interrupt(); // a POST in progress still ends by its own timeout: the thread is a daemon
    }
    List<String> left = new ArrayList<>();
    queue.drainTo(left);
    if (!left.isEmpty() || dropped.get() > 0 || failed.get() > 0) {
      AgentLog.warn(
          "alert webhook "
              + shownUrl
              + ": "
              + delivered.get()
              + " delivered, "
              + failed.get()
              + " failed, "
              + dropped.get()
              + " dropped (queue full), "
              + left.size()
              + " not sent before exit");
    }
  }

  @Override
  public void close() {
    close(2_000);
  }
}
