package io.perfagent.agent.endpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Maps one request to its response: the security checks (bearer token, {@code Host} header), the
 * method (GET and HEAD only), the route and its parameters. Pure over {@link AgentState}, so each
 * route and each bad input is tested without a socket.
 */
final class Router {

  private static final String ROUTES =
      "/ (dashboard), /metrics, /metrics/summary, /metrics/alerts, /metrics/recommendations, "
          + "/metrics/prometheus, /health";

  private final AgentState state;
  private final String token;
  private final boolean checkHost;
  private final LongSupplier clock;

  /**
   * @param token the required bearer token, or empty for none
   * @param checkHost whether the {@code Host} header must name the loopback interface (loopback
   *     binds without a token: a DNS-rebound page would otherwise reach the endpoint)
   */
  Router(AgentState state, String token, boolean checkHost, LongSupplier clock) {
    this.state = state;
    this.token = token == null ? "" : token;
    this.checkHost = checkHost;
    this.clock = clock;
  }

  /**
   * @param rawQuery the query string without {@code ?}, still percent-encoded, or null
   * @param host the {@code Host} header, or null
   * @param authorization the {@code Authorization} header, or null
   * @param accept the {@code Accept} header, or null
   */
  Response handle(
      String method,
      String path,
      @Nullable String rawQuery,
      @Nullable String host,
      @Nullable String authorization,
      @Nullable String accept) {
    String p =
        path.isEmpty()
            ? "/"
            : path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    // The dashboard's page and assets hold no data and no secret: a browser cannot send a header
    // when it opens a page, so they are served without the token; the page then sends it (given
    // once in the URL's fragment, which never reaches a server or its log) with every request.
    boolean page = Dashboard.isAsset(p);
    if (!token.isEmpty() && !page && !authorized(authorization)) {
      return Response.error(401, "this endpoint needs Authorization: Bearer <perf.endpoint.token>")
          .withHeader("WWW-Authenticate", "Bearer");
    }
    if (checkHost && host != null && !loopbackHost(host)) {
      return Response.error(
          403, "Host '" + host + "' is not this endpoint; use 127.0.0.1 or localhost");
    }
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return Response.error(
              405, "method " + method + " is not allowed; the endpoint is read-only (GET)")
          .withHeader("Allow", "GET, HEAD");
    }
    Map<String, String> params;
    try {
      params = query(rawQuery);
    } catch (IllegalArgumentException e) {
      return Response.error(400, String.valueOf(e.getMessage()));
    }
    switch (p) {
      case "/metrics":
      case "/metrics/summary":
      case "/metrics/alerts":
      case "/metrics/recommendations":
      case "/health":
        return jsonRoute(p, params);
      case "/metrics/prometheus":
        boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
        return Response.streamed(
            openMetrics
                ? io.perfagent.exporter.PrometheusText.OPENMETRICS_CONTENT_TYPE
                : io.perfagent.exporter.PrometheusText.TEXT_CONTENT_TYPE,
            out -> state.prometheus(openMetrics, out));
      default:
        Response asset = Dashboard.asset(p);
        return asset != null ? asset : Response.error(404, "no route " + p + "; routes: " + ROUTES);
    }
  }

  private Response jsonRoute(String path, Map<String, String> params) {
    String format = params.getOrDefault("format", "json");
    if (!format.equals("json") && !format.equals("csv")) {
      return Response.error(400, "format must be json or csv, got '" + format + "'");
    }
    boolean csv = format.equals("csv");
    long now = clock.getAsLong();
    String body;
    switch (path) {
      case "/metrics":
        int lastN;
        try {
          lastN = lastN(params.get("last_n"));
        } catch (IllegalArgumentException e) {
          return Response.error(400, String.valueOf(e.getMessage()));
        }
        String resolution = params.getOrDefault("resolution", "1m");
        if (!resolution.equals("1m") && !resolution.equals("sample")) {
          return Response.error(400, "resolution must be 1m or sample, got '" + resolution + "'");
        }
        body = Views.metrics(state, lastN, resolution.equals("1m"), csv, now);
        break;
      case "/metrics/summary":
        if (!csv) { // streamed like a scrape: the summary of 1 000 methods is about a megabyte
          return Response.streamed(Response.JSON, out -> Views.summary(state, now, out));
        }
        body = Views.summary(state, true, now);
        break;
      case "/metrics/alerts":
        body = Views.alerts(state, csv);
        break;
      case "/metrics/recommendations":
        body = Views.recommendations(state.recommendations(), csv, now);
        break;
      default:
        body = Views.health(state, csv, now);
        break;
    }
    return new Response(200, csv ? Response.CSV : Response.JSON, body);
  }

  /** Default 60; -1 means all. */
  static int lastN(@Nullable String text) {
    if (text == null) {
      return 60;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= -1) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        "last_n must be a whole number ≥ 0, or -1 for all samples, got '" + text + "'");
  }

  private boolean authorized(@Nullable String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    // Constant time: the comparison must not tell an attacker how many characters were right.
    return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
  }

  static boolean loopbackHost(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 && h.substring(1, end).equals("::1");
    }
    int colon = h.indexOf(':');
    String name = colon >= 0 ? h.substring(0, colon) : h;
    return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("localhost.");
  }

  /** Decodes {@code a=1&b=2}; a parameter given twice keeps its last value. */
  static Map<String, String> query(@Nullable String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String part : raw.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String key = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      out.put(decode(key), decode(value));
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return java.net.URLDecoder.decode(s, "UTF-8");
    } catch (java.io.UnsupportedEncodingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the query string is not valid percent-encoding: '" + s + "'");
    }
  }
}
