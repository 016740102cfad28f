package io.perfagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.endpoint.Registration;
import io.perfagent.agent.store.AgentPointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the CLI finds a running agent with no option. */
class TargetTest {

  @TempDir Path xdg;
  @TempDir Path custom;

  @Test
  void anAgentWithItsOwnStateDir_isFoundWithoutStateDir_throughItsPointer() throws Exception {
    long pid = ProcessHandle.current().pid();
    Files.writeString(
        custom.resolve(Registration.fileName(pid)),
        "{\"pid\":"
            + pid
            + ",\"host\":\"127.0.0.1\",\"port\":9123,\"version\":\"t\",\"service\":\"demo\","
            + "\"start_time\":1,\"token_required\":false}\n");
    Function<String, String> env = Map.of("XDG_STATE_HOME", xdg.toString())::get;
    CliArgs status = CliArgs.parse(new String[] {"status"}, List.of("--state-dir"), List.of());

    assertThat(Target.running(Target.roots(status, env)))
        .as("no pointer: a custom state dir is not searched")
        .noneMatch(r -> r.pid == pid && r.port == 9123);

    Path pointer = AgentPointer.write(pid, custom, env);
    try {
      assertThat(Target.running(Target.roots(status, env)))
          .anySatisfy(
              r -> {
                assertThat(r.pid).isEqualTo(pid);
                assertThat(r.port).isEqualTo(9123);
                assertThat(r.service).isEqualTo("demo");
              });
    } finally {
      AgentPointer.remove(pointer);
    }
  }
}
