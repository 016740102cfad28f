package io.perfagent.agent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.core.model.ProcessSample;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSamplerTest {

  @TempDir Path proc;

  @Test
  void sample_readsEveryFieldFromFixtures() throws Exception {
    ProcFixtures.write(proc, "status", ProcFixtures.STATUS);
    ProcFixtures.write(proc, "stat", ProcFixtures.STAT);
    ProcFixtures.write(proc, "io", ProcFixtures.IO);
    ProcessSample s = new ProcessSample();
    try (ProcessSampler sampler = new ProcessSampler(proc)) {
      sampler.sample(s, 1_000_000_000L);
    }
    assertThat(s.rssBytes).isEqualTo(123456L * 1024);
    assertThat(s.virtualBytes).isEqualTo(8912344L * 1024);
    assertThat(s.threads).isEqualTo(37);
    assertThat(s.voluntaryContextSwitches).isEqualTo(12);
    assertThat(s.involuntaryContextSwitches).isEqualTo(3);
    assertThat(s.minorFaults).isEqualTo(2500);
    assertThat(s.majorFaults).isEqualTo(7);
    assertThat(s.userCpuNanos).isEqualTo(3_500_000_000L);
    assertThat(s.systemCpuNanos).isEqualTo(1_200_000_000L);
    assertThat(s.diskReadBytes).isEqualTo(4096);
    assertThat(s.diskWriteBytes).isEqualTo(8192);
    assertThat(s.cpuUtilization).isNaN(); // needs two samples
  }

  @Test
  void missingFiles_disableOnlyTheirMetrics() throws Exception {
    ProcFixtures.write(proc, "status", ProcFixtures.STATUS); // no stat, no io
    ProcessSample s = new ProcessSample();
    try (ProcessSampler sampler = new ProcessSampler(proc)) {
      sampler.sample(s, 1L);
    }
    assertThat(s.rssBytes).isEqualTo(123456L * 1024);
    assertThat(s.userCpuNanos).isEqualTo(ProcFile.MISSING);
    assertThat(s.diskReadBytes).isEqualTo(ProcFile.MISSING);
  }

  @Test
  void utilization_isCpuTimeOverWallTimeAndProcessors() throws Exception {
    ProcFixtures.write(proc, "status", ProcFixtures.STATUS);
    ProcFixtures.write(proc, "stat", ProcFixtures.STAT); // 4.7 s of CPU
    ProcessSample s = new ProcessSample();
    int processors = Runtime.getRuntime().availableProcessors();
    try (ProcessSampler sampler = new ProcessSampler(proc)) {
      sampler.sample(s, 0L);
      ProcFixtures.write(
          proc, "stat", ProcFixtures.STAT.replace(" 350 120 ", " 400 120 ")); // +0.5 s user
      sampler.sample(s, 1_000_000_000L); // over 1 s of wall time
    }
    assertThat(s.cpuUtilization)
        .isCloseTo(Math.min(1.0, 0.5 / processors), org.assertj.core.data.Offset.offset(1e-9));
  }
}
