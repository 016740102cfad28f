package io.perfagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code shop.ServingApp} with the agent attached, kept running while a test talks to its endpoint:
 * started with an ephemeral endpoint port and a state directory of the test's, ready once it
 * printed {@code READY} and registered itself ({@code agent-<pid>.json}).
 */
final class ServingJvm implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Process process;
  final Path stateDir;
  final Path out;
  final Path err;
  final int port;

  private ServingJvm(Process process, Path stateDir, Path out, Path err, int port) {
    this.process = process;
    this.stateDir = stateDir;
    this.out = out;
    this.err = err;
    this.port = port;
  }

  /** Starts the app making {@code calls} calls; waits until its endpoint is registered. */
  static ServingJvm start(String service, Path stateDir, int calls, String extraAgentArgs)
      throws IOException, InterruptedException {
    return start(service, stateDir, calls, extraAgentArgs, java.util.Map.of());
  }

  /** As above, with more environment variables for the application. */
  static ServingJvm start(
      String service,
      Path stateDir,
      int calls,
      String extraAgentArgs,
      java.util.Map<String, String> env)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("serving-out", ".txt");
    Path err = Files.createTempFile("serving-err", ".txt");
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add(
        "-javaagent:"
            + AppJvm.agentJar()
            + "=otel.metrics.exporter=none,perf.endpoint.port=0,"
            + "perf.analysis.interval=1s,perf.sample.interval=500ms,perf.level.min-calls=1,perf.state.dir="
            + stateDir
            + (extraAgentArgs == null ? "" : "," + extraAgentArgs));
    command.add("-cp");
    command.add(AppJvm.classPath());
    command.add("shop.ServingApp");
    command.add(String.valueOf(calls));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("PERF_"));
    pb.environment().put("OTEL_SERVICE_NAME", service);
    pb.environment().putAll(env);
    Process p = pb.start();
    Path registration = stateDir.resolve("agent-" + p.pid() + ".json");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!(Files.isRegularFile(registration) && read(out).contains("READY"))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(
            "the app did not come up with its endpoint registered:\n"
                + read(out)
                + "\n--- stderr\n"
                + read(err));
      }
      Thread.sleep(50);
    }
    JsonNode r = JSON.readTree(registration.toFile());
    return new ServingJvm(p, stateDir, out, err, r.get("port").asInt());
  }

  long pid() {
    return process.pid();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  String stdout() throws IOException {
    return read(out);
  }

  String stderr() throws IOException {
    return read(err);
  }

  /** Sends a command line to the app (e.g. {@code slow}). */
  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Ends the app (a line on its stdin) and returns its exit code. */
  int stop() throws IOException, InterruptedException {
    if (process.isAlive()) {
      try (OutputStream in = process.getOutputStream()) {
        in.write('\n');
      } catch (IOException alreadyGone) {
        // it ended by itself
      }
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the app did not stop; stderr:\n" + stderr());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive()) {
      stop();
    }
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
