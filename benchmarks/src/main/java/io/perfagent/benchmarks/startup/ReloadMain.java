package io.perfagent.benchmarks.startup;

import io.perfagent.benchmarks.Args;
import io.perfagent.benchmarks.Paths;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar benchmarks.jar reload [--classes 2000] [--reloads 10] [--java path]}: the cost
 * of a hot reload that changes the selection of 100 classes. The start-up harness's generated
 * application (its first 100 classes measured by annotation, so there are woven classes that a
 * reload must leave alone) runs with perf-agent and a properties file; the harness alternates the
 * file between {@code gen.p05.*#work} and {@code gen.p05.*#work,gen.p06.*#work} (100 classes change
 * their selection each time), asks for each reload with the CLI, and reads the agent's own log: the
 * {@code reloaded ... in X ms} line and the debug line that splits it into building the
 * transformer, finding the classes and retransforming them (the weaving part of that) and the
 * reloading thread's CPU time (on a loaded machine most of the wall time is waiting for a core).
 * Once with the application idle, once while its main thread calls measured methods in a loop. It
 * asserts no timing.
 */
public final class ReloadMain {

  private static final Pattern RELOADED =
      Pattern.compile("reloaded .* in ([0-9.]+) ms: .*; ([0-9]+) classes retransformed");
  private static final Pattern SPLIT =
      Pattern.compile(
          "reconfigure: transformer ([0-9.]+) ms, finding classes ([0-9.]+) ms, retransforming"
              + " ([0-9]+) classes ([0-9.]+) ms \\(weaving ([0-9.]+) ms\\); this thread's CPU"
              + " (-?[0-9]+) ms");

  private static final String ONE = "perf.instrument.methods=gen.p05.*#work\n#             \n";
  private static final String TWO = "perf.instrument.methods=gen.p05.*#work,gen.p06.*#work\n";

  private ReloadMain() {}

  public static int run(List<String> argList) throws Exception {
    Args args = Args.parse(argList, List.of("classes", "reloads", "java", "jfr"));
    int classes = args.positiveInt("classes", 2000);
    int reloads = args.positiveInt("reloads", 10);
    String java =
        args.get("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Path work = Files.createDirectories(Paths.target().resolve("reload-harness"));
    Path appJar = AppGenerator.ensure(work, classes, 100, Paths.appLibDir());
    System.out.println(
        "| load | reload | logged ms | transformer ms | finding ms | retransform ms | of which weaving ms | CPU ms | classes |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    String jfr = args.get("jfr", "");
    int rows = 0;
    for (boolean busy : new boolean[] {false, true}) {
      rows += runOnce(java, appJar, classes, reloads, busy, work, jfr);
    }
    return rows == 2 * reloads ? 0 : 1;
  }

  private static int runOnce(
      String java, Path appJar, int classes, int reloads, boolean busy, Path work, String jfr)
      throws Exception {
    Path config = work.resolve("perf.properties");
    Path log = work.resolve("app-" + (busy ? "busy" : "idle") + ".log");
    Files.writeString(config, ONE);
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    if (!jfr.isEmpty()) { // a profile of the reloads: --jfr <file prefix>
      cmd.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + jfr
              + (busy ? "-busy" : "-idle")
              + ".jfr");
    }
    cmd.add(
        "-javaagent:"
            + Paths.perfAgentJar()
            + "=perf.config.file="
            + config
            + ",perf.log.level=debug,otel.metrics.exporter=none,perf.endpoint.port=off,"
            + "perf.state.dir="
            + work.resolve("state"));
    cmd.add("-cp");
    cmd.add(appJar + File.pathSeparator + Paths.appLibDir().resolve("*"));
    cmd.add(AppGenerator.MAIN_CLASS);
    cmd.add(Integer.toString(classes));
    cmd.add("100");
    Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    int rows = 0;
    try (BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      for (String line; (line = out.readLine()) != null && !line.startsWith("READY"); ) {
        // start-up output
      }
      awaitLog(log, " ready in ", 0);
      if (busy) {
        in.write("load 100000000\n"); // 10^10 calls: busy for the whole run, stopped by the kill
        in.flush();
      }
      for (int i = 1; i <= reloads; i++) {
        // Same size and modification time each time: the agent's file watch must not reload too.
        java.nio.file.attribute.FileTime mtime = Files.getLastModifiedTime(config);
        Files.writeString(config, i % 2 == 1 ? TWO : ONE);
        Files.setLastModifiedTime(config, mtime);
        Process cli =
            new ProcessBuilder(
                    java,
                    "-jar",
                    Paths.perfAgentJar().toString(),
                    "reload",
                    "--pid",
                    Long.toString(p.pid()))
                .redirectErrorStream(true)
                .start();
        String cliOut = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        cli.waitFor(60, TimeUnit.SECONDS);
        Matcher r = RELOADED.matcher(awaitLog(log, "reloaded ", i));
        Matcher s = SPLIT.matcher(awaitLog(log, "reconfigure: ", i));
        if (!r.find() || !s.find()) {
          System.err.println("reload " + i + " not found in " + log + "; CLI said: " + cliOut);
          continue;
        }
        System.out.printf(
            Locale.ROOT,
            "| %s | %d | %s | %s | %s | %s | %s | %s | %s |%n",
            busy ? "busy" : "idle",
            i,
            r.group(1),
            s.group(1),
            s.group(2),
            s.group(4),
            s.group(5),
            s.group(6),
            s.group(3));
        rows++;
      }
    } finally {
      p.destroy(); // SIGTERM: the exit hooks run (a JFR recording is written)
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    return rows;
  }

  /** The {@code n}-th line (0 for the first) of the log that contains {@code marker}. */
  private static String awaitLog(Path log, String marker, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      int seen = 0;
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.contains(marker) && seen++ == Math.max(0, n - 1)) {
          return line;
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("no line with '" + marker + "' in " + log);
  }
}
