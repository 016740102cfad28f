package io.perfagent.agent.endpoint;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigKeys;
import io.perfagent.agent.lifecycle.AgentScheduler;
import io.perfagent.agent.lifecycle.Component;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.agent.sample.ResourceSampler;
import io.perfagent.agent.store.StateDir;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Recommendation;
import io.perfagent.exporter.PrometheusScrape;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The local HTTP endpoint. The JDK's server runs its one dispatcher thread ({@code
 * HTTP-Dispatcher}) and, with no executor set, runs every handler on it: a slow client can stall
 * only the endpoint, never sampling or analysis. The server is started from the agent's daemon init
 * thread, so its threads are daemons too and never keep the application alive.
 *
 * <p>Never fatal: a taken port, a refused bind or a non-loopback address without a token cost one
 * line, and the endpoint stays off while everything else runs.
 */
public final class EndpointComponent implements Component {

  private final AgentConfig config;
  private final AgentState state;
  private final StateDir stateDir;
  private @Nullable HttpServer server;
  private @Nullable Registration registration;

  EndpointComponent(AgentConfig config, AgentState state, StateDir stateDir) {
    this.config = config;
    this.state = state;
    this.stateDir = stateDir;
  }

  /** The endpoint over the running agent's parts (any of which may be null when off). */
  public static EndpointComponent create(
      AgentConfig config,
      String service,
      String version,
      MethodRegistry registry,
      @Nullable ResourceSampler sampler,
      @Nullable Supplier<CycleReport> latest,
      @Nullable Supplier<List<Finding>> findings,
      @Nullable Supplier<List<Recommendation>> recommendations,
      PrometheusScrape prometheus,
      StateDir stateDir,
      Supplier<String> export) {
    LiveState state =
        new LiveState(
            service,
            version,
            System.currentTimeMillis(),
            config.sampleIntervalMillis(),
            registry,
            sampler,
            latest,
            findings,
            recommendations,
            prometheus,
            stateDir,
            export);
    return new EndpointComponent(config, state, stateDir);
  }

  /**
   * Serves the engine's active and recent alerts on {@code /metrics/alerts} ({@code null}: none).
   */
  public EndpointComponent withAlerts(io.perfagent.core.alert.@Nullable AlertEngine engine) {
    if (state instanceof LiveState) {
      ((LiveState) state).alerts(engine);
    }
    return this;
  }

  @Override
  public String name() {
    return "endpoint";
  }

  /** Whether the endpoint is configured on at all. */
  public static boolean enabled(AgentConfig config) {
    return config.endpointPort() != ConfigKeys.PORT_OFF;
  }

  @Override
  public synchronized void start(AgentScheduler scheduler) {
    String host = config.endpointHost().trim();
    String token = config.endpointToken();
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (IOException | RuntimeException e) {
      AgentLog.warn(
          ConfigKeys.ENDPOINT_HOST.name()
              + "="
              + host
              + " is not an address of this host ("
              + e.getMessage()
              + "); the endpoint is off");
      return;
    }
    boolean loopback = address.isLoopbackAddress();
    if (!loopback && token.isEmpty()) {
      AgentLog.warn(
          ConfigKeys.ENDPOINT_HOST.name()
              + "="
              + host
              + " is not loopback and "
              + ConfigKeys.ENDPOINT_TOKEN.name()
              + " is not set; the endpoint is off (set a token, "
              + "or bind 127.0.0.1)");
      return;
    }
    int port = config.endpointPort();
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress(address, port), 16);
      Router router =
          new Router(state, token, loopback && token.isEmpty(), System::currentTimeMillis);
      s.createContext("/", new Handler(router));
      s.start();
      server = s;
    } catch (BindException e) {
      AgentLog.warn(
          ConfigKeys.ENDPOINT_PORT.name()
              + "="
              + port
              + ": "
              + host
              + ":"
              + port
              + " is taken ("
              + e.getMessage()
              + "); the endpoint is off (choose a free port, or 0 for any)");
      return;
    } catch (IOException | RuntimeException e) {
      AgentLog.warn(
          "the endpoint could not start on "
              + host
              + ":"
              + port
              + " ("
              + e
              + "); the endpoint is off");
      return;
    }
    int bound = server.getAddress().getPort();
    AgentLog.info(
        "endpoint on http://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + bound
            + "/ (/metrics, /metrics/summary, /metrics/alerts, /metrics/recommendations, /metrics/prometheus, /health)");
    register(host, bound, !token.isEmpty());
  }

  private void register(String host, int port, boolean tokenRequired) {
    if (stateDir == null || !stateDir.isAvailable()) {
      AgentLog.info(
          "no state directory: this agent is not registered, the CLI finds it only by --url");
      return;
    }
    long pid = ProcessHandle.current().pid();
    Registration r =
        new Registration(
            pid,
            host,
            port,
            state.version(),
            state.service(),
            state.startEpochMillis(),
            tokenRequired,
            stateDir.path().resolve(Registration.fileName(pid)));
    try {
      r.write();
      registration = r;
    } catch (IOException | RuntimeException e) {
      AgentLog.warn("could not write " + r.file + " (" + e + "); the CLI will not find this agent");
    }
  }

  /** The bound port, or -1 when the endpoint is off. */
  public synchronized int port() {
    return server == null ? -1 : server.getAddress().getPort();
  }

  @Override
  public synchronized void close() {
    if (registration != null) {
      try {
        Files.deleteIfExists(registration.file);
      } catch (IOException | RuntimeException ignored) {
        // A leftover file names a dead pid: readers ignore it and clean it up.
      }
      registration = null;
    }
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** Adapts the router to the JDK server; never lets a failure escape into the dispatcher. */
  private static final class Handler implements HttpHandler {
    private final Router router;

    Handler(Router router) {
      this.router = router;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try {
        Response r;
        try {
          r =
              router.handle(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath(),
                  exchange.getRequestURI().getRawQuery(),
                  exchange.getRequestHeaders().getFirst("Host"),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  exchange.getRequestHeaders().getFirst("Accept"));
        } catch (Throwable failure) {
          AgentLog.warnThrottled("endpoint", "endpoint request failed: " + failure);
          r = Response.error(500, "internal error: " + failure.getClass().getSimpleName());
        }
        exchange.getResponseHeaders().set("Content-Type", r.contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (r.headerName != null) {
          exchange.getResponseHeaders().set(r.headerName, r.headerValue);
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        if (head) {
          exchange.sendResponseHeaders(r.status, -1);
        } else if (r.stream != null) {
          exchange.sendResponseHeaders(r.status, 0); // chunked: written as it is produced
          try (OutputStream out = exchange.getResponseBody()) {
            r.stream.writeTo(out);
          }
        } else {
          byte[] body = r.body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(r.status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      } finally {
        exchange.close();
      }
    }
  }
}
