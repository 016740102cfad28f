package io.perfagent.agent.cli;

import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.endpoint.Registration;
import io.perfagent.core.json.JsonWriter;
import io.perfagent.exporter.OtelPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code doctor}: checks the JVM, the configuration, the state directory, the endpoint, the OTLP
 * endpoint (protocol-aware) and the clock source, each PASS, WARN or FAIL with a fix. Exit code: 0
 * all pass, 1 a warning, 3 a failure.
 */
final class DoctorCommand implements Commands.Command {

  enum Result {
    PASS,
    WARN,
    FAIL
  }

  static final class Check {
    final String name;
    final Result result;
    final String detail;
    final @Nullable String fix;

    Check(String name, Result result, String detail, @Nullable String fix) {
      this.name = name;
      this.result = result;
      this.detail = detail;
      this.fix = fix;
    }
  }

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err) throws CliArgs.UsageException {
    List<Check> checks = new ArrayList<>();
    checks.add(jvm());
    checks.add(config());
    List<Path> roots = Target.roots(args);
    List<Registration> running = Target.running(roots);
    long pid = args.number("--pid");
    String service = args.value("--service");
    running.removeIf(
        r -> (pid >= 0 && r.pid != pid) || (service != null && !service.equals(r.service)));
    checks.add(
        stateDir(
            running.isEmpty()
                ? roots.get(0)
                : Objects.requireNonNull(running.get(0).file.getParent())));
    checks.addAll(
        endpoints(
            running,
            roots,
            args.value("--token") != null
                ? args.value("--token")
                : System.getenv("PERF_ENDPOINT_TOKEN")));
    checks.add(otlp(System.getenv()));
    checks.add(
        clock(Paths.get("/sys/devices/system/clocksource/clocksource0/current_clocksource")));
    Result worst = Result.PASS;
    for (Check c : checks) {
      worst = c.result.compareTo(worst) > 0 ? c.result : worst;
    }
    if (args.flag("--json")) {
      JsonWriter w = new JsonWriter().beginArray();
      for (Check c : checks) {
        w.beginObject()
            .name("check", c.name)
            .name("result", c.result.name())
            .name("detail", c.detail)
            .name("fix", c.fix == null ? "" : c.fix)
            .endObject();
      }
      out.println(w.endArray().toString());
    } else {
      Style style = Style.detect(System.getenv());
      for (Check c : checks) {
        String level =
            c.result == Result.PASS ? "Normal" : c.result == Result.WARN ? "Moderate" : "Critical";
        out.println(
            style.level(level, c.result.name()) + "  " + String.format("%-16s", c.name) + c.detail);
        if (c.result != Result.PASS && c.fix != null) {
          out.println("      fix: " + c.fix);
        }
      }
    }
    return worst == Result.PASS ? 0 : worst == Result.WARN ? 1 : 3;
  }

  static Check jvm() {
    int feature = Runtime.version().feature();
    String detail =
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ")";
    return feature >= 11
        ? new Check("JVM version", Result.PASS, detail + "; the agent needs 11 or later", null)
        : new Check("JVM version", Result.FAIL, detail, "run the service on Java 11 or later");
  }

  static Check config() {
    List<String> problems = ConfigLoader.loadFromProcess("").problems();
    if (problems.isEmpty()) {
      return new Check(
          "configuration", Result.PASS, "perf.* and otel.* settings in this shell are valid", null);
    }
    return new Check(
        "configuration",
        Result.FAIL,
        String.join("; ", problems),
        "correct the named keys (java -jar perf-agent.jar --help lists them)");
  }

  static Check stateDir(Path dir) {
    String name = "state directory";
    if (!Files.exists(dir)) {
      return new Check(
          name,
          Result.WARN,
          dir + " does not exist yet",
          "start the agent once (it creates it owner-only), or set perf.state.dir");
    }
    if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
      return new Check(
          name,
          Result.FAIL,
          dir + " is not a writable directory",
          "make it writable by this user, or set perf.state.dir to one that is");
    }
    try {
      String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
      if (!perms.endsWith("------")) {
        return new Check(
            name, Result.WARN, dir + " is " + perms + ", readable by others", "chmod 700 " + dir);
      }
      return new Check(
          name, Result.PASS, dir + " is writable and owner-only (" + perms + ")", null);
    } catch (IOException | UnsupportedOperationException e) {
      return new Check(name, Result.PASS, dir + " is writable (no POSIX permissions here)", null);
    }
  }

  static List<Check> endpoints(List<Registration> running, List<Path> roots, String token) {
    List<Check> out = new ArrayList<>();
    if (running.isEmpty()) {
      out.add(
          new Check(
              "endpoint",
              Result.WARN,
              "no running perf-agent found (looked in " + roots + ")",
              "start the JVM with -javaagent:perf-agent.jar (and perf.endpoint.port not off), or pass --state-dir"));
      return out;
    }
    for (Registration r : running) {
      try {
        Map<String, Object> h =
            Documents.object(new AgentClient(r.url(), token, "pid " + r.pid).get("/health"));
        out.add(
            new Check(
                "endpoint",
                Result.PASS,
                "pid "
                    + r.pid
                    + " ("
                    + r.service
                    + ") answers at "
                    + r.url()
                    + ", status "
                    + Documents.text(h, "status"),
                null));
      } catch (AgentClient.AgentException e) {
        out.add(
            new Check(
                "endpoint",
                Result.FAIL,
                String.valueOf(e.getMessage()),
                "check the agent's log line 'endpoint on ...' and perf.endpoint.port"));
      }
    }
    return out;
  }

  /** The OTLP target as configured in this shell; probed with HTTP/1.1 to tell gRPC from http. */
  static Check otlp(Map<String, String> env) {
    String name = "OTLP endpoint";
    String exporter =
        env.getOrDefault("OTEL_METRICS_EXPORTER", OtelPipeline.DEFAULT_METRICS_EXPORTER);
    if (!exporter.contains(OtelPipeline.DEFAULT_METRICS_EXPORTER)) {
      return new Check(
          name, Result.PASS, "OTLP export is off (OTEL_METRICS_EXPORTER=" + exporter + ")", null);
    }
    String protocol =
        env.getOrDefault(
            "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL",
            env.getOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
    boolean grpc = protocol.equals("grpc");
    String endpoint =
        env.getOrDefault(
            "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
            env.getOrDefault(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                grpc ? "http://localhost:4317" : "http://localhost:4318"));
    URI uri;
    try {
      uri = URI.create(endpoint);
    } catch (IllegalArgumentException e) {
      return new Check(
          name,
          Result.FAIL,
          "'" + endpoint + "' is not a URL",
          "set OTEL_EXPORTER_OTLP_ENDPOINT to http://host:port");
    }
    String host = uri.getHost() == null ? "localhost" : uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    String where = endpoint + " (" + protocol + ")";
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1_000);
      s.setSoTimeout(1_000);
      boolean speaksHttp1 = false;
      if (!"https".equals(uri.getScheme())) {
        OutputStream o = s.getOutputStream();
        o.write(
            ("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        o.flush();
        byte[] head = new byte[5];
        int n = 0;
        try {
          InputStream in = s.getInputStream();
          int r;
          while (n < 5 && (r = in.read(head, n, 5 - n)) > 0) {
            n += r;
          }
        } catch (IOException silent) {
          // a gRPC (HTTP/2-only) server may say nothing to HTTP/1.1
        }
        speaksHttp1 = n == 5 && new String(head, StandardCharsets.US_ASCII).equals("HTTP/");
      }
      if (grpc && speaksHttp1) {
        return new Check(
            name,
            Result.WARN,
            where + " answers HTTP/1.1, not gRPC",
            "this looks like the http/protobuf port: set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf, or use the gRPC port (4317)");
      }
      if (!grpc && !speaksHttp1 && !"https".equals(uri.getScheme())) {
        return new Check(
            name,
            Result.WARN,
            where + " is open but does not answer HTTP/1.1",
            "this looks like a gRPC port: set OTEL_EXPORTER_OTLP_PROTOCOL=grpc, or use the http port (4318)");
      }
      return new Check(name, Result.PASS, where + " is reachable", null);
    } catch (IOException e) {
      return new Check(
          name,
          Result.WARN,
          where + " is not reachable (" + e.getMessage() + ")",
          "start a Collector there, point OTEL_EXPORTER_OTLP_ENDPOINT at one, or set OTEL_METRICS_EXPORTER=none");
    }
  }

  static Check clock(Path source) {
    String name = "clock source";
    try {
      String clock = new String(Files.readAllBytes(source), StandardCharsets.UTF_8).trim();
      if (clock.equals("tsc") || clock.equals("arch_sys_counter") || clock.equals("kvm-clock")) {
        return new Check(name, Result.PASS, clock + ": System.nanoTime is cheap", null);
      }
      return new Check(
          name,
          Result.WARN,
          clock + ": every System.nanoTime may cost a microsecond or more",
          "prefer the tsc clock source where the platform allows (clocksource=tsc on the kernel command line)");
    } catch (IOException e) {
      return new Check(
          name,
          Result.WARN,
          "unknown (no " + source + ")",
          "on Linux, check the clock source; elsewhere ignore this");
    }
  }
}
