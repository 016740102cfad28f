package io.perfagent.agent.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.perfagent.core.model.JvmSample;
import io.perfagent.core.model.ProcessSample;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampler on this very process, checked against readings the test takes itself. */
class ResourceSamplerTest {

  @TempDir Path state;

  @Test
  void realProcess_valuesAgreeWithIndependentReadings() throws Exception {
    assumeThat(Files.isReadable(Paths.get("/proc/self/status"))).as("Linux /proc").isTrue();
    try (ResourceSampler sampler =
        new ResourceSampler(
            10_000, Paths.get("/proc/self"), Paths.get("/sys/fs/cgroup"), state.toFile())) {
      sampler.sampleOnce();
      ProcessSample p = new ProcessSample();
      JvmSample j = sampler.newJvmSample();
      sampler.latest(p, j);

      long rssKb = statusValue("VmRSS:");
      assertThat(p.rssBytes / 1024.0)
          .isBetween(rssKb * 0.8, rssKb * 1.25); // RSS moves between reads
      int jvmThreads = ManagementFactory.getThreadMXBean().getThreadCount();
      assertThat(p.threads)
          .isGreaterThanOrEqualTo(jvmThreads); // the OS also counts JVM-internal threads
      assertThat(j.threads).isBetween(jvmThreads - 3L, jvmThreads + 3L);
      long fds;
      try (var list = Files.list(Paths.get("/proc/self/fd"))) {
        fds = list.count();
      }
      assertThat(p.openFileDescriptors).isBetween(fds - 5, fds + 5);
      assertThat(p.userCpuNanos + p.systemCpuNanos).isPositive();
      assertThat(p.ioLatencySeconds).isBetween(0.0, 1.0);
      assertThat(j.classesCurrent).isPositive();
      assertThat(java.util.Arrays.stream(j.used).max().orElse(0)).isPositive();
    }
  }

  @Test
  void realProcess_seesAllocationAndThreads() throws Exception {
    assumeThat(Files.isReadable(Paths.get("/proc/self/status"))).isTrue();
    try (ResourceSampler sampler =
        new ResourceSampler(
            10_000, Paths.get("/proc/self"), Paths.get("/sys/fs/cgroup"), state.toFile())) {
      sampler.sampleOnce();
      ProcessSample before = new ProcessSample();
      sampler.latest(before, sampler.newJvmSample());

      // Direct buffers are fresh pages: heap arrays may reuse pages that earlier tests in this
      // JVM already made resident, and then RSS does not grow at all.
      java.nio.ByteBuffer[] hog = new java.nio.ByteBuffer[100];
      for (int i = 0; i < hog.length; i++) {
        hog[i] = java.nio.ByteBuffer.allocateDirect(1 << 20);
        for (int page = 0; page < (1 << 20); page += 4096) {
          hog[i].put(page, (byte) 1); // touch every page so it counts in RSS
        }
      }
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      Thread[] threads = new Thread[20];
      for (int i = 0; i < threads.length; i++) {
        threads[i] =
            new Thread(
                () -> {
                  try {
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        threads[i].start();
      }
      try {
        sampler.sampleOnce();
        ProcessSample after = new ProcessSample();
        sampler.latest(after, sampler.newJvmSample());
        assertThat(after.threads - before.threads).isGreaterThanOrEqualTo(20);
        // The process's own RSS moves with more than this test (a collector may uncommit heap
        // at any time, JDK 25's G1 does so readily), so the sample is held against the kernel's
        // figure read right after it, with the 100 MB just made resident inside both.
        long kernel = vmRssBytes();
        assertThat(after.rssBytes).isBetween(kernel - (16L << 20), kernel + (16L << 20));
        assertThat(after.rssBytes).isGreaterThan(100L << 20);
      } finally {
        release.countDown();
        for (Thread t : threads) {
          t.join();
        }
      }
      assertThat(hog[99].get(0)).isEqualTo((byte) 1);
    }
  }

  @Test
  void procSampling_allocatesNothingInSteadyState() throws Exception {
    assumeThat(Files.isReadable(Paths.get("/proc/self/status"))).isTrue();
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ProcessSample s = new ProcessSample();
    try (ProcessSampler sampler = new ProcessSampler(Paths.get("/proc/self"))) {
      for (int i = 0; i < 2_000; i++) { // warm up: JIT, NIO's cached buffers
        sampler.sample(s, System.nanoTime());
      }
      long tid = Thread.currentThread().getId();
      long before = mx.getThreadAllocatedBytes(tid);
      for (int i = 0; i < 1_000; i++) {
        sampler.sample(s, System.nanoTime());
      }
      long perSample = (mx.getThreadAllocatedBytes(tid) - before) / 1_000;
      assertThat(perSample).as("bytes allocated per /proc sample").isZero();
    }
  }

  /**
   * A full sample allocates only the JDK's {@code MemoryUsage} objects (two per memory pool, which
   * no public API avoids); a regression such as calling {@code getProcessCpuLoad()}, which costs
   * ~100 KB per call in a container, fails here.
   */
  @Test
  void fullSample_allocatesOnlyTheJdksMemoryUsageObjects() throws Exception {
    assumeThat(Files.isReadable(Paths.get("/proc/self/status"))).isTrue();
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int pools = ManagementFactory.getMemoryPoolMXBeans().size();
    try (ResourceSampler sampler =
        new ResourceSampler(
            10_000, Paths.get("/proc/self"), Paths.get("/sys/fs/cgroup"), state.toFile())) {
      for (int i = 0; i < 2_000; i++) { // warm up, and pass the every-30th cgroup re-read often
        sampler.sampleOnce();
      }
      long tid = Thread.currentThread().getId();
      long before = mx.getThreadAllocatedBytes(tid);
      for (int i = 0; i < 300; i++) {
        sampler.sampleOnce();
      }
      long perSample = (mx.getThreadAllocatedBytes(tid) - before) / 300;
      assertThat(perSample)
          .as("bytes allocated per full sample")
          .isLessThanOrEqualTo(2L * pools * 48);
    }
  }

  @Test
  void missingProcFolder_leavesProcMetricsAbsent_andJvmMetricsWork() throws Exception {
    try (ResourceSampler sampler =
        new ResourceSampler(
            10_000, state.resolve("no-proc"), state.resolve("no-cgroup"), state.toFile())) {
      sampler.sampleOnce();
      ProcessSample p = new ProcessSample();
      JvmSample j = sampler.newJvmSample();
      sampler.latest(p, j);
      assertThat(p.rssBytes).isEqualTo(ProcFile.MISSING);
      assertThat(p.userCpuNanos).isEqualTo(ProcFile.MISSING);
      assertThat(j.threads).isPositive();
    }
  }

  @Test
  void gcDurations_totalIsTheSumOfEveryPauseOfEveryCollector() {
    GcDurations gc = new GcDurations();
    gc.record("G1 Young Generation", "end of minor GC", 0.004);
    gc.record("G1 Young Generation", "end of minor GC", 0.002);
    gc.record("G1 Old Generation", "end of major GC", 1.5);
    assertThat(gc.totalMicros()).isEqualTo(1_506_000);
  }

  @Test
  void history_holdsHeapAfterGcAndTheShareOfTimeInGc_fromTheSecondSampleOn() {
    ResourceSampler sampler =
        ResourceSampler.create(60_000, new java.io.File(System.getProperty("java.io.tmpdir")));
    try (io.perfagent.agent.lifecycle.AgentScheduler scheduler =
        new io.perfagent.agent.lifecycle.AgentScheduler()) {
      sampler.start(scheduler); // subscribes to GC notifications and takes the first sample
      System.gc();
      sampler.sampleOnce();
      double[] gcTime = sampler.history().lastHour(SampleHistory.Series.GC_TIME_FRACTION);
      double[] afterGc = sampler.history().lastHour(SampleHistory.Series.HEAP_AFTER_GC_BYTES);
      assertThat(gcTime).hasSize(2);
      assertThat(gcTime[0]).isNaN(); // no interval before the first sample
      assertThat(gcTime[1]).isBetween(0.0, 1.0);
      assertThat(afterGc[1]).isPositive();
    } finally {
      sampler.close();
    }
  }

  @Test
  void history_keepsTheLastHourInOrder() {
    SampleHistory h = new SampleHistory(60_000); // 60 per hour, 1 per minute
    for (int i = 0; i < 100; i++) {
      h.add(SampleHistory.Series.THREADS, i);
    }
    double[] hour = h.lastHour(SampleHistory.Series.THREADS);
    assertThat(hour).hasSize(60);
    assertThat(hour[0]).isEqualTo(40);
    assertThat(hour[59]).isEqualTo(99);
    assertThat(h.lastDay(SampleHistory.Series.THREADS)).hasSize(100);
  }

  private static long statusValue(String key) throws Exception {
    for (String line :
        Files.readAllLines(Paths.get("/proc/self/status"), StandardCharsets.US_ASCII)) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
      }
    }
    throw new AssertionError("no " + key);
  }

  /** VmRSS from /proc/self/status, in bytes. */
  private static long vmRssBytes() throws java.io.IOException {
    for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new AssertionError("no VmRSS in /proc/self/status");
  }
}
