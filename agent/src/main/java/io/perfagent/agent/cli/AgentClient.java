package io.perfagent.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Talks to one agent's endpoint: short timeouts, and on a transient failure (refused, timed out) up
 * to three retries after 100, 200 and 400 ms; an HTTP error is permanent and not retried.
 */
final class AgentClient {

  /** A failed request, with a message that says what to do. */
  static final class AgentException extends Exception {
    private static final long serialVersionUID = 1L;

    AgentException(String message) {
      super(message);
    }
  }

  private static final long[] BACKOFF_MILLIS = {100, 200, 400};

  private final String baseUrl;
  private final String token;
  private final String who;
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;

  /**
   * @param who names the agent in messages, e.g. {@code "pid 4711"}
   * @param token a bearer token, or null
   */
  AgentClient(String baseUrl, String token, String who) {
    this(baseUrl, token, who, 1_000, 3_000);
  }

  AgentClient(
      String baseUrl, String token, String who, int connectTimeoutMillis, int readTimeoutMillis) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.token = token;
    this.who = who;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.readTimeoutMillis = readTimeoutMillis;
  }

  String baseUrl() {
    return baseUrl;
  }

  /** GETs {@code path}; the body of a 200 answer. */
  String get(String path) throws AgentException {
    IOException last = null;
    for (int attempt = 0; attempt <= BACKOFF_MILLIS.length; attempt++) {
      if (attempt > 0) {
        sleep(BACKOFF_MILLIS[attempt - 1]);
      }
      try {
        return once(path);
      } catch (ConnectException | SocketTimeoutException transientFailure) {
        last = transientFailure;
      } catch (IOException permanent) {
        last = permanent;
        break;
      }
    }
    throw new AgentException(
        "the perf-agent endpoint of "
            + who
            + " at "
            + baseUrl
            + " does not answer ("
            + (last == null ? "no try" : last.getMessage())
            + ") after 4 tries; is the JVM still running "
            + "and perf.endpoint.port not off?");
  }

  /** One GET without retries (for quick probes such as {@code list}). */
  String once(String path) throws IOException, AgentException {
    HttpURLConnection c = (HttpURLConnection) new URL(baseUrl + path).openConnection();
    c.setConnectTimeout(connectTimeoutMillis);
    c.setReadTimeout(readTimeoutMillis);
    c.setRequestProperty("Accept", "application/json, text/plain");
    if (token != null && !token.isEmpty()) {
      c.setRequestProperty("Authorization", "Bearer " + token);
    }
    int status = c.getResponseCode();
    InputStream body = status < 400 ? c.getInputStream() : c.getErrorStream();
    String text = body == null ? "" : new String(readAll(body), StandardCharsets.UTF_8);
    if (status == 401) {
      throw new AgentException(
          "the endpoint of "
              + who
              + " needs a token: pass --token or set "
              + "PERF_ENDPOINT_TOKEN");
    }
    if (status != 200) {
      throw new AgentException(
          "the endpoint of " + who + " answered " + status + " to " + path + ": " + text.trim());
    }
    return text;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (InputStream i = in) {
      return i.readAllBytes();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
