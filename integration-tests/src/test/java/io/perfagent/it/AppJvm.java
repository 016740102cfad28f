package io.perfagent.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts the test application in a JVM of its own, the way a service owner would: {@code java
 * -javaagent:perf-agent.jar=... -cp app.jar Main}. The class path holds the compiled test app and
 * its libraries (bootstrap annotations, OTel annotations, Micrometer, its own Byte Buddy and
 * OpenTelemetry API), never the agent's dependencies.
 */
final class AppJvm {

  /** The agent jar the build produced. */
  static Path agentJar() {
    Path jar = Paths.get(System.getProperty("agent.jar", "../agent/target/perf-agent.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no agent jar at " + jar.toAbsolutePath() + "; run mvn package first");
    }
    return jar.toAbsolutePath();
  }

  /** The JDK homes to run application JVMs on, those that exist on this machine. */
  static List<String> jdks() {
    String configured = System.getProperty("it.jdks", System.getProperty("java.home"));
    List<String> homes =
        Arrays.stream(configured.split(","))
            .map(String::trim)
            .filter(h -> Files.isExecutable(Paths.get(h, "bin", "java")))
            .collect(Collectors.toList());
    if (homes.isEmpty()) {
      throw new IllegalStateException("none of the JDKs in it.jdks exists: " + configured);
    }
    return homes;
  }

  /** A short label for a JDK home, for test names and service names. */
  static String label(String jdkHome) {
    return Paths.get(jdkHome).getFileName().toString().replaceAll("[^A-Za-z0-9]+", "-");
  }

  /** The outcome of one application run. */
  static final class Result {
    final int exitCode;
    final String stdout;
    final String stderr;

    /** When this test saw the process end ({@link System#currentTimeMillis()}). */
    final long exitedAtMillis;

    Result(int exitCode, String stdout, String stderr) {
      this(exitCode, stdout, stderr, System.currentTimeMillis());
    }

    Result(int exitCode, String stdout, String stderr, long exitedAtMillis) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
      this.exitedAtMillis = exitedAtMillis;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private final String jdkHome;
  private final List<String> jvmArgs = new ArrayList<>();
  private final Map<String, String> env = new HashMap<>();
  private String mainClass = "shop.OrderApp";
  private final List<String> args = new ArrayList<>();
  private final List<String> extraClassPath = new ArrayList<>();

  AppJvm(String jdkHome) {
    this.jdkHome = jdkHome;
  }

  /** Attaches the agent with the given arguments ({@code null}: none). */
  AppJvm withAgent(String agentArgs) {
    jvmArgs.add("-javaagent:" + agentJar() + (agentArgs == null ? "" : "=" + agentArgs));
    return this;
  }

  AppJvm jvmArg(String arg) {
    jvmArgs.add(arg);
    return this;
  }

  /** Puts {@code entry} (a directory or jar) in front of the application's class path. */
  AppJvm classPathEntry(Path entry) {
    extraClassPath.add(entry.toAbsolutePath().toString());
    return this;
  }

  AppJvm env(String name, String value) {
    env.put(name, value);
    return this;
  }

  AppJvm main(String className, String... arguments) {
    mainClass = className;
    args.addAll(Arrays.asList(arguments));
    return this;
  }

  /** Runs the application to its end, or fails after {@code timeout}. */
  Result run(Duration timeout) throws IOException, InterruptedException {
    return execute(command(), timeout);
  }

  /** Starts the application and returns at once, for tests that act while it runs. */
  Running start() throws IOException {
    return new Running(command(), env);
  }

  private List<String> command() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(jdkHome, "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(
        extraClassPath.isEmpty()
            ? classPath()
            : String.join(File.pathSeparator, extraClassPath) + File.pathSeparator + classPath());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** An application JVM that is running; its output goes to files until it ends. */
  static final class Running implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private Running(List<String> command, Map<String, String> env) throws IOException {
      out = Files.createTempFile("app-out", ".txt");
      err = Files.createTempFile("app-err", ".txt");
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("PERF_"));
      pb.environment().putAll(env);
      process = pb.start();
    }

    long pid() {
      return process.pid();
    }

    boolean isAlive() {
      return process.isAlive();
    }

    /** What it printed so far on standard output. */
    String stdout() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** What it printed so far on standard error. */
    String stderr() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Writes one line to its standard input. */
    void send(String line) throws IOException {
      process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }

    /** Closes its standard input (end of input). */
    void closeInput() throws IOException {
      process.getOutputStream().close();
    }

    /** Sends {@code SIGTERM}, as an orchestrator stopping a service does. */
    void terminate() {
      process.destroy();
    }

    /** Waits until standard output contains {@code text}; fails after {@code timeout}. */
    void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
      await(out, text, timeout);
    }

    /**
     * Waits until standard error (the agent's log) contains {@code text}; fails after {@code
     * timeout}.
     */
    void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
      await(err, text, timeout);
    }

    private void await(Path file, String text, Duration timeout)
        throws IOException, InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!Files.readString(file, StandardCharsets.UTF_8).contains(text)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError(
              "the application never printed '"
                  + text
                  + "'\n--- stdout\n"
                  + stdout()
                  + "--- stderr\n"
                  + stderr());
        }
        Thread.sleep(50);
      }
    }

    /** Waits for its end (fails after {@code timeout}) and returns what it did. */
    Result awaitExit(Duration timeout) throws IOException, InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            "application did not finish in " + timeout + "\n--- stderr\n" + stderr());
      }
      return new Result(process.exitValue(), stdout(), stderr());
    }

    @Override
    public void close() throws IOException, InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor();
      }
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs {@code java <jvmArgs> <args>} (for {@code -jar}), with no class path of ours. */
  Result runJar(Duration timeout) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(jdkHome, "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add(mainClass);
    command.addAll(args);
    return execute(command, timeout);
  }

  /**
   * Starts the application like {@link #run} but returns at once, its output going to {@code
   * stdout} and {@code stderr}; the caller ends the process.
   */
  Process start(Path stdout, Path stderr) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(jdkHome, "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("PERF_"));
    pb.environment().putAll(env);
    return pb.start();
  }

  private Result execute(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("app-out", ".txt");
    Path err = Files.createTempFile("app-err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("PERF_"));
    pb.environment().putAll(env);
    // Keeps each run's history and baseline out of the home directory unless a test asks.
    Path scratchState = Files.createTempDirectory("perf-it-state");
    pb.environment().putIfAbsent("PERF_STATE_DIR", scratchState.toString());
    // Any free port: parallel runs on one machine must not compete for the default one.
    pb.environment().putIfAbsent("PERF_ENDPOINT_PORT", "0");
    try {
      return execute(pb, command, timeout, out, err);
    } finally {
      deleteTree(scratchState);
    }
  }

  private static Result execute(
      ProcessBuilder pb, List<String> command, Duration timeout, Path out, Path err)
      throws IOException, InterruptedException {
    Process p = pb.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError(
          "application did not finish in "
              + timeout
              + ": "
              + command
              + "\n--- stderr\n"
              + read(err));
    }
    long exitedAt = System.currentTimeMillis();
    return new Result(p.exitValue(), read(out), read(err), exitedAt);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p :
          paths.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String read(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    Files.deleteIfExists(file);
    return text;
  }

  /** The app's own classes and libraries: test classes plus the jars copied to app-libs. */
  static String classPath() throws IOException {
    Path testClasses = Paths.get("target", "test-classes").toAbsolutePath();
    Path libs = Paths.get(System.getProperty("app.libs", "target/app-libs"));
    List<String> entries = new ArrayList<>();
    entries.add(testClasses.toString());
    try (Stream<Path> jars = Files.list(libs)) {
      jars.filter(j -> j.toString().endsWith(".jar"))
          .sorted()
          .forEach(j -> entries.add(j.toAbsolutePath().toString()));
    }
    return String.join(File.pathSeparator, entries);
  }
}
