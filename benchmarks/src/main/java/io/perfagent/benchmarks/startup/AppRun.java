package io.perfagent.benchmarks.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One start of the generated application: wall time from spawning the JVM to its {@code READY}
 * line, {@link ProcStatus} while it waits at ready, then {@code settleMillis} after {@code load
 * <calls>} has called every measured method that many times (long enough for a periodic exporter to
 * run once). The harness, not the application, takes every measurement.
 */
record AppRun(
    Variant variant,
    int round,
    double readyMillis,
    ProcStatus atReady,
    double loadMillis,
    ProcStatus afterLoad) {

  private static final long TIMEOUT_SECONDS = 120;

  static AppRun start(
      String java,
      Variant variant,
      int round,
      Path appJar,
      Path libDir,
      int classes,
      int measured,
      int calls,
      long settleMillis,
      Path log)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(variant.jvmArgs());
    if (variant.name().startsWith(Variant.PERF_AGENT)) {
      // A first start: a state directory of this launch's own. The default one is shared by every
      // perf-agent run on the machine without a service name, so each start would restore (and
      // write) whatever baseline and history the runs before it left there.
      cmd.add("-Dperf.state.dir=" + log.resolveSibling(log.getFileName() + ".state"));
    }
    cmd.add("-cp");
    cmd.add(appJar + File.pathSeparator + libDir.resolve("*"));
    cmd.add(AppGenerator.MAIN_CLASS);
    cmd.add(Integer.toString(classes));
    cmd.add(Integer.toString(measured));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());

    long spawned = System.nanoTime();
    Process p = pb.start();
    Thread watchdog = watchdog(p);
    try (BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      awaitLine(out, "READY", variant, log);
      double readyMillis = (System.nanoTime() - spawned) / 1e6;
      ProcStatus atReady = ProcStatus.read(p.pid());

      long loadStart = System.nanoTime();
      in.write("load " + calls + "\n");
      in.flush();
      awaitLine(out, "LOADED", variant, log);
      double loadMillis = (System.nanoTime() - loadStart) / 1e6;
      Thread.sleep(settleMillis);
      ProcStatus afterLoad = ProcStatus.read(p.pid());

      in.write("exit\n");
      in.flush();
      return new AppRun(variant, round, readyMillis, atReady, loadMillis, afterLoad);
    } finally {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
      watchdog.interrupt();
    }
  }

  /** Kills an application that hangs, so that the read below returns and the run fails. */
  private static Thread watchdog(Process p) {
    Thread t =
        new Thread(
            () -> {
              try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                  p.destroyForcibly();
                }
              } catch (InterruptedException done) {
                // the run finished in time
              }
            },
            "app-watchdog");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void awaitLine(BufferedReader out, String prefix, Variant variant, Path log)
      throws IOException {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return;
      }
    }
    throw new IOException(
        variant.name()
            + ": the application ended (or hung "
            + TIMEOUT_SECONDS
            + " s) before printing "
            + prefix
            + "; see "
            + log);
  }
}
