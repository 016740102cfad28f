package io.perfagent.benchmarks;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the jars under test are. Each has a system property ({@code -Dperf.agent.jar=...}, {@code
 * -Dotel.agent.jar=...}, {@code -Dapp.lib.dir=...}); the defaults are the build's outputs found
 * relative to {@link #target()}.
 */
public final class Paths {

  private Paths() {}

  /** perf-agent's shaded agent jar. */
  public static Path perfAgentJar() {
    return existing("perf.agent.jar", target().resolve("../../agent/target/perf-agent.jar"));
  }

  /** The OpenTelemetry Java agent, copied by the build. */
  public static Path otelAgentJar() {
    return existing("otel.agent.jar", target().resolve("agents/opentelemetry-javaagent.jar"));
  }

  /** The jars the startup harness's generated application compiles and runs against. */
  public static Path appLibDir() {
    return existing("app.lib.dir", target().resolve("app-lib"));
  }

  /**
   * {@code benchmarks/target}: {@code -Dbench.work.dir} when set (run.sh runs a copy of the jar
   * from the results folder), else the folder of the running benchmarks jar.
   */
  public static Path target() {
    String configured = System.getProperty("bench.work.dir");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath();
    }
    try {
      Path self = Path.of(Paths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // target/benchmarks.jar or target/classes
      return java.util.Objects.requireNonNull(self.getParent()).toAbsolutePath();
    } catch (URISyntaxException | RuntimeException unknown) {
      return Path.of("benchmarks", "target").toAbsolutePath();
    }
  }

  /** The {@code java} launcher of the running JVM. */
  public static String currentJava() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }

  private static Path existing(String property, Path fallback) {
    String configured = System.getProperty(property);
    Path p = (configured != null ? Path.of(configured) : fallback).toAbsolutePath().normalize();
    if (!Files.isRegularFile(p) && !Files.isDirectory(p)) {
      throw new IllegalArgumentException(
          "not found: "
              + p
              + " (set -D"
              + property
              + "=<path>, or build with mvn -DskipTests install)");
    }
    return p;
  }
}
