package io.perfagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.AgentVersion;
import io.perfagent.agent.config.ConfigKey;
import io.perfagent.agent.config.ConfigKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void help_listsEveryConfigurationKeyWithItsEnvironmentVariable() {
    assertThat(run("--help")).isZero();
    String help = out.toString(StandardCharsets.UTF_8);
    assertThat(help).startsWith("perf-agent " + AgentVersion.get() + "\n");
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      assertThat(help).contains(key.name()).contains(key.envName());
    }
    assertThat(err.size()).isZero();
  }

  @Test
  void noArguments_printsTheHelpToo() {
    assertThat(run()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage:");
  }

  @Test
  void version_printsOneLine() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("perf-agent " + AgentVersion.get() + System.lineSeparator());
  }

  @Test
  void unknownCommand_exitsWithTwo_andSaysWhatIsExpected() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("perf-agent: unknown command 'frobnicate'; expected --help or --version");
    assertThat(out.size()).isZero();
  }
}
