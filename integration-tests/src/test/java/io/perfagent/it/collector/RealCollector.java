package io.perfagent.it.collector;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenTelemetry Collector process on free loopback ports: OTLP in over gRPC and HTTP, the
 * file exporter out (one JSON request per line), read back by the tests.
 */
public final class RealCollector implements Collector {

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
    return startOn(freePort(), freePort());
  }

  /**
   * Starts a collector on the given ports (to restart one where a running application expects it)
   * and waits until both receivers accept connections.
   */
  public static RealCollector startOn(int grpc, int http) throws IOException, InterruptedException {
    Path binary = CollectorBinary.find();
    Path dir = Files.createTempDirectory("otelcol");
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
    return config(output.toString(), "127.0.0.1", grpcPort, httpPort);
  }

  /** The config: OTLP in on {@code host}, every request out as one JSON line to {@code output}. */
  static String config(String output, String host, int grpcPort, int httpPort) {
    return String.join(
        "\n",
        "receivers:",
        "  otlp:",
        "    protocols:",
        "      grpc:",
        "        endpoint: " + host + ":" + grpcPort,
        "      http:",
        "        endpoint: " + host + ":" + httpPort,
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
        throw new IllegalStateException(
            "collector exited with " + process.exitValue() + ":\n" + log());
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

  /** A loopback port that was free a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The OTLP/gRPC endpoint, {@code http://127.0.0.1:port}. */
  @Override
  public String grpcEndpoint() {
    return "http://127.0.0.1:" + grpcPort;
  }

  /** The OTLP/HTTP base endpoint, {@code http://127.0.0.1:port}. */
  @Override
  public String httpEndpoint() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Every metric the collector has written so far. */
  @Override
  public List<ExportedMetric> metrics() throws IOException {
    return OtlpJson.readFile(output);
  }

  /** What the collector printed (its debug exporter and its own log). */
  @Override
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Kills the collector at once ({@code SIGKILL}): no flush, connections reset. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** The OTLP/gRPC port. */
  public int grpcPort() {
    return grpcPort;
  }

  /** The OTLP/HTTP port. */
  public int httpPort() {
    return httpPort;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
