package io.perfagent.benchmarks.load;

import io.perfagent.benchmarks.startup.Variant;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One start of the load application under one variant, in three wrk phases: a discarded warm-up, a
 * closed-loop phase (the most requests per second the machine gives it, and their p99), and a paced
 * phase at a fixed request rate, during which the process's CPU time is read: its CPU per request
 * is what an agent costs at that rate, background threads included.
 */
record LoadRun(
    Variant variant,
    int round,
    WrkResult closedLoop,
    WrkResult paced,
    double pacedSeconds,
    long pacedProcessNanos,
    Map<ThreadKind, Long> pacedNanosByKind) {

  /** Calls of measured methods per request: controller, service, repository. */
  static final int MEASURED_CALLS_PER_REQUEST = 3;

  /** Settings of one run, the same for every variant. */
  record Plan(
      String java,
      LoadApp app,
      Path libDir,
      int warmupSeconds,
      int seconds,
      int connections,
      int pacedConnections,
      int paceDelayMillis) {}

  static LoadRun run(Plan plan, Variant variant, int round, Path log)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(plan.java());
    boolean perfAgent = variant.name().startsWith(Variant.PERF_AGENT);
    if (perfAgent) {
      // A fresh state directory (no baseline or history of earlier runs), and the endpoint on as
      // by default but on a free port.
      cmd.add("-Dperf.state.dir=" + log.resolveSibling(log.getFileName() + ".state"));
      cmd.add("-Dperf.endpoint.port=0");
    }
    cmd.addAll(variant.jvmArgs());
    cmd.add("-cp");
    cmd.add(plan.app().classes() + File.pathSeparator + plan.libDir().resolve("*"));
    cmd.add(LoadApp.MAIN_CLASS);
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    // A hung application would block the read of its READY line forever.
    long budgetSeconds = plan.warmupSeconds() + 2L * plan.seconds() + 120;
    Thread watchdog =
        new Thread(
            () -> {
              try {
                if (!p.waitFor(budgetSeconds, TimeUnit.SECONDS)) {
                  p.destroyForcibly();
                }
              } catch (InterruptedException done) {
                // the run finished in time
              }
            },
            "load-app-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try (BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      String url = "http://127.0.0.1:" + awaitPort(out, variant, log) + "/owners/1";
      if (perfAgent) {
        // perf-agent finishes starting in the background after main() began; its start-up is the
        // start-up benchmark's business, not this one's.
        awaitAgentReady(log, variant);
      }
      Wrk.run(url, plan.app().script("rotate.lua"), plan.connections(), plan.warmupSeconds(), 0);
      WrkResult closedLoop =
          Wrk.run(url, plan.app().script("rotate.lua"), plan.connections(), plan.seconds(), 0);

      ProcCpu before = ProcCpu.read(p.pid());
      long started = System.nanoTime();
      WrkResult paced =
          Wrk.run(
              url,
              plan.app().script("pace.lua"),
              plan.pacedConnections(),
              plan.seconds(),
              plan.paceDelayMillis());
      double seconds = (System.nanoTime() - started) / 1e9;
      ProcCpu after = ProcCpu.read(p.pid());

      in.write("exit\n");
      in.flush();
      return new LoadRun(
          variant,
          round,
          closedLoop,
          paced,
          seconds,
          after.processNanos() - before.processNanos(),
          after.nanosByKindSince(before));
    } finally {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
      watchdog.interrupt();
    }
  }

  /** Process CPU per request of the paced phase, in microseconds. */
  double cpuMicrosPerRequest() {
    return pacedProcessNanos / 1e3 / Math.max(1, paced.requests());
  }

  /** CPU of perf-agent's own threads during the paced phase, in % of one core. */
  double agentThreadsPercentOfCore() {
    return pacedNanosByKind.getOrDefault(ThreadKind.AGENT, 0L) / (pacedSeconds * 1e9) * 100;
  }

  /** CPU per request of the paced phase on one kind of thread, in microseconds. */
  double cpuMicrosPerRequest(ThreadKind kind) {
    return pacedNanosByKind.getOrDefault(kind, 0L) / 1e3 / Math.max(1, paced.requests());
  }

  /** Measured calls per second during the paced phase. */
  double measuredCallsPerSecond() {
    return paced.requestsPerSecond() * MEASURED_CALLS_PER_REQUEST;
  }

  /** Whether the application answered every request with 200. */
  boolean clean() {
    return closedLoop.non2xx() == 0 && paced.non2xx() == 0;
  }

  private static void awaitAgentReady(Path log, Variant variant)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (Files.readString(log, StandardCharsets.UTF_8).contains(" ready in ")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IOException(variant.name() + ": no 'ready in' line within 120 s; see " + log);
  }

  private static int awaitPort(BufferedReader out, Variant variant, Path log) throws IOException {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("READY port=")) {
        return Integer.parseInt(line.substring("READY port=".length()).trim());
      }
    }
    throw new IOException(variant.name() + ": the load application ended before READY; see " + log);
  }
}
