package io.perfagent.it.collector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the OpenTelemetry Collector binary: {@code -Dcollector.binary}, {@code
 * PERF_AGENT_COLLECTOR}, or the cached build of {@code collector/build-collector.sh} (which builds
 * it from the Go modules the first time on a machine).
 */
public final class CollectorBinary {

  private static Path found;

  private CollectorBinary() {}

  /** The binary's path; builds it when needed. */
  public static synchronized Path find() throws IOException, InterruptedException {
    if (found != null) {
      return found;
    }
    String configured =
        System.getProperty("collector.binary", System.getenv("PERF_AGENT_COLLECTOR"));
    if (configured != null && !configured.isBlank()) {
      found = requireExecutable(Paths.get(configured), "collector.binary / PERF_AGENT_COLLECTOR");
      return found;
    }
    Path script =
        Paths.get(System.getProperty("basedir", "."), "collector", "build-collector.sh")
            .toAbsolutePath();
    Path log = Files.createTempFile("collector-build", ".log");
    Process p =
        new ProcessBuilder("bash", script.toString())
            .redirectError(log.toFile())
            .redirectOutput(ProcessBuilder.Redirect.PIPE)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(
          "could not build the collector with " + script + ":\n" + Files.readString(log));
    }
    List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IllegalStateException(
          script + " printed no binary path:\n" + Files.readString(log));
    }
    found = requireExecutable(Paths.get(lines.get(lines.size() - 1).trim()), script.toString());
    return found;
  }

  private static Path requireExecutable(Path binary, String origin) {
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "collector binary " + binary + " (from " + origin + ") is not executable");
    }
    return binary;
  }
}
