package io.perfagent.agent.sample;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.core.model.JvmSample;
import io.perfagent.core.model.ProcessSample;
import io.perfagent.core.model.ResourceSource;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Samples the process and the JVM every interval on one daemon thread, {@code perf-agent-sampler}.
 * The loop survives anything a sample throws (one throttled line, then the next interval), and the
 * latest sample is what collectors read, under this object's lock.
 */
public final class ResourceSampler implements ResourceSource, AutoCloseable {

  /** Cgroup limits are re-read this often (they seldom change), in samples. */
  private static final int LIMITS_EVERY = 30;

  private final long intervalMillis;
  private final ProcessSampler process;
  private final CgroupLimits limits;
  private final JvmSampler jvm = new JvmSampler();
  private final IoLatencyProbe ioProbe;
  private final GcDurations gc = new GcDurations();
  private final SampleHistory history;
  private final ProcessSample processWork = new ProcessSample();
  private final ProcessSample processLatest = new ProcessSample();
  private final JvmSample jvmWork;
  private final JvmSample jvmLatest;
  private final Thread thread;
  private volatile boolean running = true;
  private long samples;

  ResourceSampler(long intervalMillis, Path procSelf, Path cgroupRoot, File stateDir) {
    this.intervalMillis = intervalMillis;
    this.process = new ProcessSampler(procSelf);
    this.limits = new CgroupLimits(cgroupRoot, procSelf);
    this.ioProbe = new IoLatencyProbe(stateDir);
    this.history = new SampleHistory(intervalMillis);
    this.jvmWork = jvm.newSample();
    this.jvmLatest = jvm.newSample();
    this.thread = new Thread(this::loop, "perf-agent-sampler");
    this.thread.setDaemon(true);
  }

  /** Starts sampling this process every {@code intervalMillis}. */
  public static ResourceSampler start(long intervalMillis) {
    File stateDir = new File(System.getProperty("java.io.tmpdir"), "perf-agent");
    ResourceSampler sampler =
        new ResourceSampler(intervalMillis, Paths.get("/proc/self"), Paths.get("/sys/fs/cgroup"), stateDir);
    sampler.gc.subscribe();
    sampler.sampleOnce();
    sampler.thread.start();
    return sampler;
  }

  private void loop() {
    while (running) {
      try {
        TimeUnit.MILLISECONDS.sleep(intervalMillis);
      } catch (InterruptedException stop) {
        return;
      }
      sampleOnce();
    }
  }

  /**
   * Takes one full sample on the caller's thread; never throws. The sampler thread calls it every
   * interval; it is public for the sample-cost benchmark.
   */
  public void sampleOnce() {
    try {
      if (samples++ % LIMITS_EVERY == 0) {
        limits.read(processWork);
      }
      process.sample(processWork, System.nanoTime());
      processWork.ioLatencySeconds = ioProbe.probe();
      jvm.sample(jvmWork);
      synchronized (this) {
        processWork.copyTo(processLatest);
        jvmWork.copyTo(jvmLatest);
      }
      recordHistory();
    } catch (Throwable failure) {
      AgentLog.warnEvery("sample", 60_000, "resource sampling failed, retrying next interval: " + failure);
    }
  }

  private void recordHistory() {
    long heap = 0;
    for (int i = 0; i < jvmWork.used.length; i++) {
      if (jvmWork.poolIsHeap[i]) {
        heap += jvmWork.used[i];
      }
    }
    history.add(SampleHistory.Series.RSS_BYTES, orNaN(processWork.rssBytes));
    history.add(SampleHistory.Series.HEAP_USED_BYTES, heap);
    history.add(SampleHistory.Series.CPU_UTILIZATION, processWork.cpuUtilization);
    history.add(SampleHistory.Series.THREADS, jvmWork.threads);
    history.add(SampleHistory.Series.OPEN_FILE_DESCRIPTORS, orNaN(processWork.openFileDescriptors));
    history.add(SampleHistory.Series.IO_LATENCY_SECONDS, processWork.ioLatencySeconds);
  }

  private static double orNaN(long v) {
    return v < 0 ? Double.NaN : v;
  }

  @Override
  public synchronized void latest(ProcessSample processOut, JvmSample jvmOut) {
    processLatest.copyTo(processOut);
    jvmLatest.copyTo(jvmOut);
  }

  @Override
  public JvmSample newJvmSample() {
    return jvm.newSample();
  }

  GcDurations gcDurations() {
    return gc;
  }

  @Override
  public Map<List<String>, long[]> gcPauses() {
    return gc.snapshot();
  }

  /** Recent values for the local views. */
  public SampleHistory history() {
    return history;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    gc.unsubscribe();
    process.close();
    limits.close();
  }
}
