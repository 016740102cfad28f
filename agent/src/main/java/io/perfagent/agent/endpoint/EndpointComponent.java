package io.perfagent.agent.endpoint;

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
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The local HTTP endpoint: an {@link EndpointServer} on its one daemon thread ({@value
 * EndpointServer#THREAD_NAME}), which also runs every request: a slow client can stall only the
 * endpoint, never sampling or analysis, and never keeps the application alive.
 *
 * <p>Never fatal: a taken port, a refused bind or a non-loopback address without a token cost one
 * line, and the endpoint stays off while everything else runs.
 */
public final class EndpointComponent implements Component {

  private final AgentConfig config;
  private final AgentState state;
  private final StateDir stateDir;
  private @Nullable EndpointServer server;
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
      Router router =
          new Router(state, token, loopback && token.isEmpty(), System::currentTimeMillis);
      server =
          EndpointServer.start(
              new InetSocketAddress(address, port), router, EndpointServer.Limits.defaults());
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
    int bound = server.port();
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
    return server == null ? -1 : server.port();
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
      server.close();
      server = null;
    }
  }
}
