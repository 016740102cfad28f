package io.perfagent.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentPointerTest {

  @TempDir Path xdg;
  @TempDir Path custom;

  @Test
  void aPointerOfALivePid_leadsToItsStateDir_ownerOnly_andIsGoneOnceRemoved() throws IOException {
    long pid = ProcessHandle.current().pid();
    Path pointer = AgentPointer.write(pid, custom, Map.of("XDG_STATE_HOME", xdg.toString())::get);

    assertThat(pointer).isEqualTo(xdg.resolve("perf-agent/running/" + pid));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pointer)))
        .isEqualTo("rw-------");
    List<Path> roots = AgentPointer.roots(Map.of("XDG_STATE_HOME", xdg.toString())::get);
    assertThat(AgentPointer.stateDirs(roots)).containsExactly(custom.toAbsolutePath());

    AgentPointer.remove(pointer);
    assertThat(AgentPointer.stateDirs(roots)).isEmpty();
  }

  @Test
  void aPointerOfADeadPid_isRemovedByWhoeverFindsIt_andForeignFilesAreIgnored() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path running = Files.createDirectories(xdg.resolve("perf-agent/running"));
    Path stale = Files.writeString(running.resolve(Long.toString(gone.pid())), custom + "\n");
    Files.writeString(running.resolve("notes.txt"), "/etc\n");

    assertThat(AgentPointer.stateDirs(List.of(xdg.resolve("perf-agent")))).isEmpty();
    assertThat(stale).doesNotExist();
    assertThat(running.resolve("notes.txt")).exists();
  }
}
