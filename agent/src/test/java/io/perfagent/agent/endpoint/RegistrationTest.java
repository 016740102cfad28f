package io.perfagent.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationTest {

  @TempDir Path dir;

  private static Registration of(long pid, Path file) {
    return new Registration(pid, "127.0.0.1", 9001, "1.2", "shop", 1_700_000_000_000L, false, file);
  }

  @Test
  void written_isOwnerOnly_andReadsBack_withoutAnyToken() throws Exception {
    long pid = ProcessHandle.current().pid();
    Registration r = of(pid, dir.resolve(Registration.fileName(pid)));
    r.write();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(r.file)))
        .isEqualTo("rw-------");
    Registration back = Registration.read(r.file);
    assertThat(back.pid).isEqualTo(pid);
    assertThat(back.port).isEqualTo(9001);
    assertThat(back.service).isEqualTo("shop");
    assertThat(back.version).isEqualTo("1.2");
    assertThat(back.startEpochMillis).isEqualTo(1_700_000_000_000L);
    assertThat(back.url()).isEqualTo("http://127.0.0.1:9001");
    assertThat(new String(Files.readAllBytes(r.file), StandardCharsets.UTF_8))
        .doesNotContain("token\":\"");
  }

  @Test
  void scan_findsLiveAgentsInInstanceSlotsAndServiceDirs_andRemovesFilesOfDeadPids()
      throws Exception {
    long live = ProcessHandle.current().pid();
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    long dead = finished.pid();
    Path slot = Files.createDirectories(dir.resolve("shop").resolve("instance-1"));
    of(live, slot.resolve(Registration.fileName(live))).write();
    Path stale = dir.resolve("shop").resolve(Registration.fileName(dead));
    of(dead, stale).write();
    Files.write(dir.resolve("agent-torn.json"), "{\"pid\":".getBytes(StandardCharsets.UTF_8));

    List<Registration> found = Registration.scan(dir);
    assertThat(found).extracting(r -> r.pid).containsExactly(live);
    assertThat(stale).doesNotExist();
  }

  @Test
  void scan_ofAMissingDirectory_findsNothing() {
    assertThat(Registration.scan(dir.resolve("absent"))).isEmpty();
  }
}
