package io.perfagent.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirTest {

  @TempDir Path tmp;

  private final Map<String, String> env = new HashMap<>();
  private final Map<String, String> props = new HashMap<>();

  private StateDir open(String configured, String service) {
    if (!props.containsKey("java.io.tmpdir")) {
      props.put("java.io.tmpdir", tmp.resolve("systmp").toString());
    }
    props.putIfAbsent("user.name", "alice");
    Function<String, String> envLookup = env::get;
    Function<String, String> propLookup = props::get;
    return StateDir.open(configured, service, envLookup, propLookup);
  }

  @Test
  void default_usesXdgStateHome() {
    env.put("XDG_STATE_HOME", tmp.resolve("xdg").toString());
    env.put("HOME", tmp.resolve("home").toString());
    try (StateDir dir = open(null, "orders")) {
      assertThat(dir.isAvailable()).isTrue();
      assertThat(dir.path()).isEqualTo(tmp.resolve("xdg/perf-agent/orders"));
      assertThat(dir.slot()).isZero();
      assertThat(dir.path()).isDirectory();
      assertThat(dir.path().resolve(".lock")).isRegularFile();
    }
  }

  @Test
  void default_withoutXdgStateHome_usesHomeLocalState() {
    env.put("HOME", tmp.resolve("home").toString());
    try (StateDir dir = open(null, "orders")) {
      assertThat(dir.path()).isEqualTo(tmp.resolve("home/.local/state/perf-agent/orders"));
    }
  }

  @Test
  void default_ignoresRelativeXdgStateHome() {
    env.put("XDG_STATE_HOME", "relative/state");
    env.put("HOME", tmp.resolve("home").toString());
    try (StateDir dir = open(null, "orders")) {
      assertThat(dir.path()).isEqualTo(tmp.resolve("home/.local/state/perf-agent/orders"));
    }
  }

  @Test
  void serviceName_isSanitisedToASafeFileName() {
    env.put("XDG_STATE_HOME", tmp.toString());
    try (StateDir dir = open(null, "shop/../orders:v2 ä")) {
      assertThat(dir.path()).isEqualTo(tmp.resolve("perf-agent/shop_.._orders_v2__"));
    }
    assertThat(StateDir.safeFileName("", "unknown_service")).isEqualTo("unknown_service");
    assertThat(StateDir.safeFileName(null, "unknown_service")).isEqualTo("unknown_service");
    assertThat(StateDir.safeFileName("..", "x")).isEqualTo("__");
    assertThat(StateDir.safeFileName("a.b_c-D9", "x")).isEqualTo("a.b_c-D9");
  }

  @Test
  void configured_isUsedAsIs() {
    Path configured = tmp.resolve("custom/state");
    try (StateDir dir = open(configured.toString(), "orders")) {
      assertThat(dir.path()).isEqualTo(configured);
      assertThat(dir.slot()).isZero();
    }
  }

  @Test
  void homeThatIsAFile_fallsBackToTempDir_withOneLineNamingBothPaths() throws Exception {
    // A regular file where a directory must be created fails for root as well.
    Path home = Files.writeString(tmp.resolve("home"), "not a directory");
    env.put("HOME", home.toString());
    try (StderrCapture err = new StderrCapture();
        StateDir dir = open(null, "orders")) {
      Path expected = tmp.resolve("systmp/perf-agent-alice/orders");
      assertThat(dir.path()).isEqualTo(expected);
      assertThat(dir.isAvailable()).isTrue();
      assertThat(err.text().lines())
          .singleElement()
          .asString()
          .contains(home.resolve(".local/state/perf-agent/orders").toString())
          .contains(expected.toString())
          .contains(home + " is not a directory");
    }
  }

  @Test
  void readOnlyHome_fallsBackToTempDir() throws Exception {
    Path home = Files.createDirectory(tmp.resolve("home"));
    assumeThat(posix(home)).isTrue();
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("r-x------"));
    try {
      assumeThat(Files.isWritable(home)).as("root ignores file modes").isFalse();
      env.put("HOME", home.toString());
      try (StderrCapture err = new StderrCapture();
          StateDir dir = open(null, "orders")) {
        assertThat(dir.path()).isEqualTo(tmp.resolve("systmp/perf-agent-alice/orders"));
        assertThat(err.text()).contains("permission denied");
      }
    } finally {
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void noHome_fallsBackToTempDir() {
    try (StderrCapture err = new StderrCapture();
        StateDir dir = open(null, "orders")) {
      assertThat(dir.path()).isEqualTo(tmp.resolve("systmp/perf-agent-alice/orders"));
      assertThat(err.text()).contains("HOME is not set");
    }
  }

  @Test
  void unusableConfiguredDir_namesTheKeyPathAndReason_thenFallsBack() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    Path configured = file.resolve("state");
    try (StderrCapture err = new StderrCapture();
        StateDir dir = open(configured.toString(), "orders")) {
      assertThat(dir.path()).isEqualTo(tmp.resolve("systmp/perf-agent-alice/orders"));
      assertThat(err.text().lines())
          .singleElement()
          .asString()
          .contains("perf.state.dir=" + configured)
          .contains(file + " is not a directory")
          .contains(dir.path().toString());
    }
  }

  @Test
  void nothingWritable_isUnavailable_andNeverThrows() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    props.put("java.io.tmpdir", file.toString());
    try (StderrCapture err = new StderrCapture();
        StateDir dir = open(file.resolve("state").toString(), "orders")) {
      assertThat(dir.isAvailable()).isFalse();
      assertThatThrownBy(dir::path).hasMessage("no state directory: check isAvailable() first");
      assertThat(dir.slot()).isEqualTo(-1);
      assertThat(err.text().lines())
          .singleElement()
          .asString()
          .contains("perf.state.dir=" + file.resolve("state"))
          .contains(file.resolve("perf-agent-alice/orders").toString())
          .contains("not kept on disk");
    }
  }

  @Test
  void createdDirectoriesAndLockFile_areOwnerOnly() throws Exception {
    assumeThat(posix(tmp)).isTrue();
    env.put("XDG_STATE_HOME", tmp.resolve("xdg").toString());
    try (StateDir first = open(null, "orders");
        StateDir second = open(null, "orders")) {
      for (Path created :
          new Path[] {
            tmp.resolve("xdg"), tmp.resolve("xdg/perf-agent"), first.path(), second.path()
          }) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
            .as(created.toString())
            .isEqualTo("rwx------");
      }
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(first.path().resolve(".lock"))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void existingDirectory_isNotChmodded() throws Exception {
    assumeThat(posix(tmp)).isTrue();
    Path configured = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(configured, PosixFilePermissions.fromString("rwxr-x---"));
    try (StateDir dir = open(configured.toString(), "orders")) {
      assertThat(dir.path()).isEqualTo(configured);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configured)))
          .isEqualTo("rwxr-x---");
    }
  }

  @Test
  void secondOpenInTheSameJvm_getsSlot1_andSlot0IsReusedAfterClose() {
    Path configured = tmp.resolve("state");
    StateDir first = open(configured.toString(), "orders");
    StateDir second = open(configured.toString(), "orders");
    try {
      assertThat(first.slot()).isZero();
      assertThat(first.path()).isEqualTo(configured);
      assertThat(second.slot()).isEqualTo(1);
      assertThat(second.path()).isEqualTo(configured.resolve("instance-1"));

      first.close();
      try (StateDir restarted = open(configured.toString(), "orders")) {
        assertThat(restarted.slot()).isZero();
        assertThat(restarted.path()).isEqualTo(configured);
      }
    } finally {
      first.close();
      second.close();
    }
  }

  @Test
  void allSlotsTaken_fallsBackToTempDir() {
    Path configured = tmp.resolve("state");
    StateDir[] held = new StateDir[StateDir.MAX_INSTANCE + 1];
    try {
      for (int i = 0; i < held.length; i++) {
        held[i] = open(configured.toString(), "orders");
        assertThat(held[i].slot()).isEqualTo(i);
      }
      try (StderrCapture err = new StderrCapture();
          StateDir overflow = open(configured.toString(), "orders")) {
        assertThat(overflow.path()).isEqualTo(tmp.resolve("systmp/perf-agent-alice/orders"));
        assertThat(err.text()).contains("all 17 instance slots are locked");
      }
    } finally {
      for (StateDir dir : held) {
        if (dir != null) {
          dir.close();
        }
      }
    }
  }

  @Test
  void tempDirFallbackOwnedByAnotherUser_isRefused() throws Exception {
    assumeThat(posix(tmp)).isTrue();
    Path base = Files.createDirectories(tmp.resolve("systmp/perf-agent-alice"));
    UserPrincipal me = Files.getOwner(base);
    try {
      UserPrincipalLookupService users = base.getFileSystem().getUserPrincipalLookupService();
      UserPrincipal other = users.lookupPrincipalByName("nobody");
      Files.setOwner(base, other.equals(me) ? users.lookupPrincipalByName("root") : other);
    } catch (IOException | UnsupportedOperationException e) {
      Assumptions.abort("giving a directory to another user needs root: " + e);
    }
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path file = Files.writeString(tmp.resolve("file"), "x");
    try (StderrCapture err = new StderrCapture();
        StateDir dir = open(file.resolve("state").toString(), "orders")) {
      assertThat(dir.isAvailable()).isFalse();
      assertThat(err.text()).contains(base + " belongs to another user");
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
