package io.perfagent.agent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.core.model.ProcessSample;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupLimitsTest {

  @TempDir Path root;
  @TempDir Path proc;

  @Test
  void v2_limitsOfTheProcessCgroup() throws Exception {
    ProcFixtures.write(proc, "cgroup", "0::/kubepods/pod1\n");
    ProcFixtures.write(root, "kubepods/pod1/memory.max", "536870912\n");
    ProcFixtures.write(root, "kubepods/pod1/cpu.max", "150000 100000\n");
    ProcessSample s = read();
    assertThat(s.memoryLimitBytes).isEqualTo(536870912L);
    assertThat(s.cpuLimit).isEqualTo(1.5);
  }

  @Test
  void v2_max_meansNoLimit() throws Exception {
    ProcFixtures.write(proc, "cgroup", "0::/\n");
    ProcFixtures.write(root, "memory.max", "max\n");
    ProcFixtures.write(root, "cpu.max", "max 100000\n");
    ProcessSample s = read();
    assertThat(s.memoryLimitBytes).isEqualTo(ProcFile.MISSING);
    assertThat(s.cpuLimit).isNaN();
  }

  @Test
  void v1_fallback_andItsHugeNoLimitValue() throws Exception {
    ProcFixtures.write(proc, "cgroup", "4:memory:/docker/abc\n");
    ProcFixtures.write(root, "memory/memory.limit_in_bytes", "9223372036854771712\n");
    ProcFixtures.write(root, "cpu/cpu.cfs_quota_us", "50000\n");
    ProcFixtures.write(root, "cpu/cpu.cfs_period_us", "100000\n");
    ProcessSample s = read();
    assertThat(s.memoryLimitBytes).isEqualTo(ProcFile.MISSING);
    assertThat(s.cpuLimit).isEqualTo(0.5);
  }

  @Test
  void v1_realLimit_andNoQuota() throws Exception {
    ProcFixtures.write(root, "memory/memory.limit_in_bytes", "1073741824\n");
    ProcFixtures.write(root, "cpu/cpu.cfs_quota_us", "-1\n");
    ProcFixtures.write(root, "cpu/cpu.cfs_period_us", "100000\n");
    ProcessSample s = read();
    assertThat(s.memoryLimitBytes).isEqualTo(1073741824L);
    assertThat(s.cpuLimit).isNaN();
  }

  @Test
  void nothingReadable_meansNoLimits() {
    ProcessSample s = read();
    assertThat(s.memoryLimitBytes).isEqualTo(ProcFile.MISSING);
    assertThat(s.cpuLimit).isNaN();
  }

  @Test
  void reRead_seesAChangedLimit_withoutAllocating() throws Exception {
    ProcFixtures.write(proc, "cgroup", "0::/app\n");
    ProcFixtures.write(root, "app/memory.max", "1000000\n");
    ProcFixtures.write(root, "app/cpu.max", "200000 100000\n");
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    ProcessSample s = new ProcessSample();
    try (CgroupLimits limits = new CgroupLimits(root, proc)) {
      for (int i = 0; i < 2_000; i++) { // warm up: JIT, NIO's cached buffers
        limits.read(s);
      }
      long tid = Thread.currentThread().getId();
      long before = mx.getThreadAllocatedBytes(tid);
      for (int i = 0; i < 1_000; i++) {
        limits.read(s);
      }
      assertThat((mx.getThreadAllocatedBytes(tid) - before) / 1_000)
          .as("bytes per re-read")
          .isZero();
      assertThat(s.cpuLimit).isEqualTo(2.0);

      ProcFixtures.write(root, "app/memory.max", "2000000\n"); // same file, new content
      limits.read(s);
      assertThat(s.memoryLimitBytes).isEqualTo(2000000L);
    }
  }

  private ProcessSample read() {
    ProcessSample s = new ProcessSample();
    new CgroupLimits(root, proc).read(s);
    return s;
  }
}
