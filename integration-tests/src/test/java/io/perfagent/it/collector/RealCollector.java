package io.perfagent.it.collector;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real OpenTelemetry Collector process on free loopback ports: OTLP in over gRPC and HTTP, the
 * file exporter out (one JSON request per line), read back by the tests.
 */
public final class RealCollector implements AutoCloseable {

  private final Process process;
  private final Path dir;
  private final Path output;
  private final Path log;
  private final int grpcPort;
  private final int httpPort;

  private RealCollector(Process process, Path dir, int grpcPort, int httpPort) {
    this.process = process;
    this.dir = dir;
    this.output = dir.resolve("metrics.jsonl");
    this.log = dir.resolve("collector.log");
    this.grpcPort = grpcPort;
    this.httpPort = httpPort;
  }

  /** Starts a collector and waits until both receivers accept connections. */
  public static RealCollector start() throws IOException, InterruptedException {
    Path binary = CollectorBinary.find();
    Path dir = Files.createTempDirectory("otelcol");
    int grpc = freePort();
    int http = freePort();
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, config(dir.resolve("metrics.jsonl"), grpc, http));
    Process p =
        new ProcessBuilder(binary.toString(), "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("collector.log").toFile())
            .start();
    RealCollector collector = new RealCollector(p, dir, grpc, http);
    collector.awaitListening(Duration.ofSeconds(60));
    return collector;
  }

  static String config(Path output, int grpcPort, int httpPort) {
    return String.join(
        "\n",
        "receivers:",
        "  otlp:",
        "    protocols:",
        "      grpc:",
        "        endpoint: 127.0.0.1:" + grpcPort,
        "      http:",
        "        endpoint: 127.0.0.1:" + httpPort,
        "exporters:",
        "  file:",
        "    path: " + output,
        "    flush_interval: 100ms",
        "  debug:",
        "    verbosity: basic",
        "service:",
        "  telemetry:",
        "    metrics:",
        "      level: none",
        "  pipelines:",
        "    metrics:",
        "      receivers: [otlp]",
        "      exporters: [file, debug]",
        "");
  }

  private void awaitListening(Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("collector exited with " + process.exitValue() + ":\n" + log());
      }
      if (accepts(grpcPort) && accepts(httpPort)) {
        return;
      }
      Thread.sleep(100);
    }
    close();
    throw new IllegalStateException("collector not listening after " + timeout + ":\n" + log());
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The OTLP/gRPC endpoint, {@code http://127.0.0.1:port}. */
  public String grpcEndpoint() {
    return "http://127.0.0.1:" + grpcPort;
  }

  /** The OTLP/HTTP base endpoint, {@code http://127.0.0.1:port}. */
  public String httpEndpoint() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Every metric the collector has written so far. */
  public List<ExportedMetric> metrics() throws IOException {
    if (!Files.exists(output)) {
      return List.of();
    }
    List<ExportedMetric> all = new ArrayList<>();
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        all.addAll(OtlpJson.parseLine(line));
      }
    }
    return all;
  }

  /**
   * The most recent point (cumulative: it holds the totals) of {@code metric} from {@code service}
   * whose attributes include {@code attributes}.
   */
  public Optional<ExportedPoint> latestPoint(String service, String metric, Map<String, String> attributes)
      throws IOException {
    return metrics().stream()
        .filter(m -> m.name().equals(metric) && service.equals(m.resource().get("service.name")))
        .flatMap(m -> m.points().stream())
        .filter(p -> p.hasAttributes(attributes) && p.attributes().size() == attributes.size())
        .max(Comparator.comparingLong(ExportedPoint::timeUnixNano));
  }

  /** Polls until some written metric satisfies {@code condition}; fails after {@code timeout}. */
  public ExportedMetric awaitMetric(Predicate<ExportedMetric> condition, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (ExportedMetric m : metrics()) {
        if (condition.test(m)) {
          return m;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no matching metric after " + timeout + "; collector log:\n" + log());
      }
      Thread.sleep(100);
    }
  }

  /** What the collector printed (its debug exporter and its own log). */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
