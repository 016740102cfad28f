package io.perfagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CLI's attach, detach and reload refuse bad input and unreachable targets plainly. */
class ControlCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void attachWithoutAPid_isBadUsage() {
    assertThat(run("attach")).isEqualTo(2);
    assertThat(err()).contains("expected attach <pid> [key=value,...]");
  }

  @Test
  void detachOfANonNumber_isBadUsage() {
    assertThat(run("detach", "shop")).isEqualTo(2);
    assertThat(err()).contains("expected a process id", "'shop'");
  }

  @Test
  void attachToAPidThatDoesNotExist_failsSayingSo() {
    assertThat(run("attach", "2147483646")).isEqualTo(1);
    assertThat(err()).contains("no process with pid 2147483646", "list");
  }

  @Test
  void detachFromThisVeryProcess_isRefused() {
    assertThat(run("detach", Long.toString(ProcessHandle.current().pid()))).isEqualTo(1);
    assertThat(err()).contains("is this command itself");
  }

  @Test
  void reloadWithNoAgentRunning_saysWhereItLooked() throws Exception {
    java.nio.file.Path empty = java.nio.file.Files.createTempDirectory("perf-no-agent");
    assertThat(run("reload", "--state-dir", empty.toString())).isEqualTo(1);
    assertThat(err()).contains("no running perf-agent found", empty.toString(), "--pid");
  }

  @Test
  void helpListsTheControlCommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("attach <pid>", "detach <pid>", "reload [--pid N]");
  }
}
