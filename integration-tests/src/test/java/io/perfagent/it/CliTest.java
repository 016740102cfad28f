package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar perf-agent.jar <command>} against a real agent JVM: status, summary, export and
 * doctor outputs checked; {@code health --watch} driven in a real terminal (tmux) and quit with
 * {@code q}; and the same commands reading the files once the JVM is gone.
 */
class CliTest {

  private static final int CALLS = 777;

  @TempDir Path state;

  /** Runs the CLI to its end. */
  private static Cli cli(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(AppJvm.agentJar().toString());
    command.addAll(Arrays.asList(args));
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("PERF_"));
    pb.environment().put("NO_COLOR", "1");
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("CLI did not finish: " + command);
    }
    Cli c = new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return c;
  }

  private static final class Cli {
    final int exit;
    final String out;
    final String err;

    Cli(int exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  @Test
  void statusSummaryExportAndDoctor_describeTheRunningAgent_thenItsFilesOnceItIsGone()
      throws Exception {
    String dir = "--state-dir=" + state;
    try (ServingJvm app = ServingJvm.start("cli-it", state, CALLS, null)) {
      Thread.sleep(2_500); // a couple of one-second cycles

      Cli status = cli(Map.of(), "status", dir);
      assertThat(status.exit).as(status.toString()).isZero();
      assertThat(status.out)
          .contains("perf-agent status · cli-it")
          .contains("pid " + app.pid())
          .contains("Overall: ")
          .contains("process.memory.usage")
          .contains("Baseline: ")
          .startsWith("╭─")
          .contains("╰─");

      Cli summary = cli(Map.of(), "summary", dir);
      assertThat(summary.exit).as(summary.toString()).isZero();
      assertThat(summary.out)
          .contains("Method")
          .contains("Baseline p95")
          .contains("shop.ServingApp.tick");

      Cli json = cli(Map.of(), "summary", dir, "--json");
      assertThat(json.out).startsWith("{").contains("\"service\":\"cli-it\"");

      Cli doctor = cli(Map.of("OTEL_METRICS_EXPORTER", "none"), "doctor", dir);
      assertThat(doctor.out)
          .as(doctor.toString())
          .containsPattern("PASS  endpoint +pid " + app.pid() + " \\(cli-it\\) answers")
          .containsPattern("PASS  state directory .* owner-only")
          .contains("PASS  OTLP endpoint")
          .contains("PASS  JVM version")
          .doesNotContain("FAIL");
      assertThat(doctor.exit)
          .as("exit reflects the worst")
          .isEqualTo(doctor.out.contains("WARN") ? 1 : 0);

      Cli list = cli(Map.of(), "list", dir);
      assertThat(list.out).containsPattern(app.pid() + " +cli-it +" + app.port + " ");

      assertThat(app.stop()).isZero();
    }

    // The JVM is gone: the same commands read the history it left.
    Cli offline = cli(Map.of(), "status", dir);
    assertThat(offline.exit).as(offline.toString()).isZero();
    assertThat(offline.out).contains("not running · history in " + state);

    Cli csv = cli(Map.of(), "export", "--format", "csv", dir);
    assertThat(csv.exit).as(csv.toString()).isZero();
    String[] lines = csv.out.split("\n");
    assertThat(lines[0]).startsWith("timestamp,service,kind,name,calls,");
    long place = 0;
    for (String line : lines) {
      String[] f = line.split(",", -1);
      if (f.length > 4 && f[3].equals("shop.ServingApp.place")) {
        place += Long.parseLong(f[4]);
      }
    }
    assertThat(place).as("calls of place over all exported cycles").isEqualTo(CALLS);

    Cli prom = cli(Map.of(), "export", "--format", "prometheus", "--since", "1h", dir);
    assertThat(prom.out)
        .contains("# TYPE perf_cycle_method_calls gauge")
        .containsPattern(
            "perf_cycle_method_calls\\{service_name=\"cli-it\",code_function_name=\"shop.ServingApp.place\"\\} \\d+ \\d{13}");
    Cli jsonLines = cli(Map.of(), "export", dir);
    assertThat(jsonLines.out.split("\n")[0]).startsWith("{\"timestamp\":");

    Cli health = cli(Map.of(), "health", dir);
    assertThat(health.exit).isEqualTo(1);
    assertThat(health.err)
        .contains("no running perf-agent")
        .contains("looked in [" + state + "]")
        .contains("-javaagent:perf-agent.jar");
  }

  @Test
  void anAgentWithItsOwnStateDir_isFoundByStatusAndList_withoutStateDir(@TempDir Path home)
      throws Exception {
    // The agent and the CLI share the per-user root (XDG_STATE_HOME), the state dir is elsewhere.
    Map<String, String> user = Map.of("XDG_STATE_HOME", home.toString());
    try (ServingJvm app = ServingJvm.start("found-it", state, CALLS, null, user)) {
      Path pointer = home.resolve("perf-agent/running/" + app.pid());
      assertThat(Files.readString(pointer).trim()).isEqualTo(state.toString());

      Cli status = cli(user, "status");
      assertThat(status.exit).as(status.toString()).isZero();
      assertThat(status.out).contains("perf-agent status · found-it").contains("pid " + app.pid());
      Cli list = cli(user, "list");
      assertThat(list.out).as(list.toString()).contains(Long.toString(app.pid()), "found-it");

      app.close();
      assertThat(pointer).as("removed at exit").doesNotExist();
    }
  }

  @Test
  void badUsage_printsUsageOnStderr_andExits2() throws Exception {
    Cli unknown = cli(Map.of(), "frobnicate");
    assertThat(unknown.exit).isEqualTo(2);
    assertThat(unknown.err).contains("unknown command 'frobnicate'").contains("status ");
    Cli badFlag = cli(Map.of(), "status", "--colour");
    assertThat(badFlag.exit).isEqualTo(2);
    assertThat(badFlag.err).contains("unknown option '--colour' for status").contains("Commands");
    Cli badFormat = cli(Map.of(), "export", "--format", "xml", "--state-dir", state.toString());
    assertThat(badFormat.exit).isEqualTo(2);
    assertThat(badFormat.err).contains("--format must be json, csv or prometheus");
    Cli noPid = cli(Map.of(), "status", "--pid", "999999999", "--state-dir", state.toString());
    assertThat(noPid.exit).isEqualTo(1);
    assertThat(noPid.err)
        .contains("no perf-agent in pid 999999999")
        .contains("-javaagent:perf-agent.jar");
  }

  @Test
  void healthWatch_refreshesInARealTerminal_andQuitsOnQ_restoringTheTerminal() throws Exception {
    assumeThat(Files.isExecutable(Paths.get("/usr/bin/tmux")))
        .as("needs tmux (.ci/run installs it)")
        .isTrue();
    try (ServingJvm app = ServingJvm.start("watch-it", state, 10, null)) {
      String socket = "perf-cli-" + ProcessHandle.current().pid();
      String session = "watch";
      String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
      String command =
          "env -u NO_COLOR TERM=xterm-256color "
              + java
              + " -jar "
              + AppJvm.agentJar()
              + " health --watch --state-dir "
              + state
              + "; echo EXIT=$?; stty -a | grep -o -- '-\\?icanon' | sed 's/^/ICANON:/'; sleep 120";
      run(
          "tmux",
          "-L",
          socket,
          "new-session",
          "-d",
          "-s",
          session,
          "-x",
          "140",
          "-y",
          "40",
          command);
      try {
        String screen =
            awaitScreen(
                socket, session, s -> s.contains("latency") && s.contains("q or Ctrl-C quits"));
        assertThat(screen)
            .contains("perf-agent health · watch-it (pid " + app.pid() + ")")
            .contains("memory")
            .contains("endpoint    active");
        String colours = run("tmux", "-L", socket, "capture-pane", "-e", "-p", "-t", session);
        assertThat(colours).as("coloured in a terminal").contains("\u001b[");
        Thread.sleep(1_500);
        run("tmux", "-L", socket, "send-keys", "-t", session, "q");
        String after = awaitScreen(socket, session, s -> s.contains("EXIT="));
        assertThat(after)
            .contains("EXIT=0")
            .contains("ICANON:icanon")
            .doesNotContain("ICANON:-icanon")
            .as("back on the main screen")
            .doesNotContain("q or Ctrl-C quits");
      } finally {
        run("tmux", "-L", socket, "kill-server");
      }
    }
  }

  private static String awaitScreen(
      String socket, String session, java.util.function.Predicate<String> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String screen = "";
    while (System.nanoTime() < deadline) {
      screen = run("tmux", "-L", socket, "capture-pane", "-p", "-t", session);
      if (done.test(screen)) {
        return screen;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "the terminal never showed what was expected; last screen:\n" + screen);
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return text;
  }
}
