package io.perfagent.agent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFileTest {

  @TempDir Path dir;

  @Test
  void keyed_readsStatusAndIoLines() throws Exception {
    try (ProcFile f = ProcFile.open(ProcFixtures.write(dir, "status", ProcFixtures.STATUS), 4096)) {
      f.read();
      assertThat(f.keyed(key("VmRSS:"))).isEqualTo(123456);
      assertThat(f.keyed(key("Threads:"))).isEqualTo(37);
      assertThat(f.keyed(key("nonvoluntary_ctxt_switches:"))).isEqualTo(3);
      assertThat(f.keyed(key("VmSwap:"))).isEqualTo(ProcFile.MISSING);
    }
  }

  @Test
  void statField_countsFromTheLastParenthesis() throws Exception {
    try (ProcFile f = ProcFile.open(ProcFixtures.write(dir, "stat", ProcFixtures.STAT), 1024)) {
      f.read();
      assertThat(f.statField(10)).isEqualTo(2500); // minflt
      assertThat(f.statField(12)).isEqualTo(7); // majflt
      assertThat(f.statField(14)).isEqualTo(350); // utime
      assertThat(f.statField(15)).isEqualTo(120); // stime
      assertThat(f.statField(20)).isEqualTo(37); // num_threads
      assertThat(f.statField(99)).isEqualTo(ProcFile.MISSING);
    }
  }

  @Test
  void hugeValues_saturateInsteadOfOverflowing() throws Exception {
    try (ProcFile f = ProcFile.open(ProcFixtures.write(dir, "stat", ProcFixtures.STAT), 1024)) {
      f.read();
      assertThat(f.statField(25)).isEqualTo(Long.MAX_VALUE); // rsslim = 2^64-1
    }
  }

  @Test
  void reread_seesNewContent() throws Exception {
    Path file = ProcFixtures.write(dir, "status", "Threads:\t5\n");
    try (ProcFile f = ProcFile.open(file, 64)) {
      f.read();
      assertThat(f.keyed(key("Threads:"))).isEqualTo(5);
      ProcFixtures.write(dir, "status", "Threads:\t6\n");
      f.read();
      assertThat(f.keyed(key("Threads:"))).isEqualTo(6);
    }
  }

  @Test
  void malformedContent_yieldsMissing() throws Exception {
    try (ProcFile f =
        ProcFile.open(ProcFixtures.write(dir, "stat", "garbage without parens\n"), 64)) {
      f.read();
      assertThat(f.statField(14)).isEqualTo(ProcFile.MISSING);
    }
    try (ProcFile f = ProcFile.open(ProcFixtures.write(dir, "status", "VmRSS:\t kB\n"), 64)) {
      f.read();
      assertThat(f.keyed(key("VmRSS:"))).isEqualTo(ProcFile.MISSING);
    }
  }

  private static byte[] key(String k) {
    return k.getBytes(StandardCharsets.US_ASCII);
  }
}
