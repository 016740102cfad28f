package io.perfagent.agent.sample;

import io.perfagent.agent.lifecycle.AgentScheduler;
import io.perfagent.agent.lifecycle.Component;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.core.model.JvmSample;
import io.perfagent.core.model.ProcessSample;
import io.perfagent.core.model.ResourceSource;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Samples the process and the JVM every interval on the agent's scheduler thread. A sample that
 * throws costs one throttled line and the next interval runs as usual; the latest sample is what
 * collectors read, under this object's lock, and each analysis cycle takes the means of the samples
 * since the previous one ({@link #drainCycleMeans}).
 */
public final class ResourceSampler implements ResourceSource, Component, AutoCloseable {

  /** Cgroup limits are re-read this often (they seldom change), in samples. */
  private static final int LIMITS_EVERY = 30;

  private long intervalMillis;
  private final ProcessSampler process;
  private final CgroupLimits limits;
  private final JvmSampler jvm = new JvmSampler();
  private final IoLatencyProbe ioProbe;
  private final GcDurations gc = new GcDurations();
  private volatile SampleHistory history;
  private final ProcessSample processWork = new ProcessSample();
  private final ProcessSample processLatest = new ProcessSample();
  private final JvmSample jvmWork;
  private final JvmSample jvmLatest;
  private final CycleMeans cycleMeans = new CycleMeans();
  private long samples;
  private long lastSampleNanos; // sampler thread only
  private long lastGcMicros; // sampler thread only
  private @Nullable AgentScheduler scheduler;
  private @Nullable ScheduledFuture<?> task;

  ResourceSampler(long intervalMillis, Path procSelf, Path cgroupRoot, File stateDir) {
    this.intervalMillis = intervalMillis;
    this.process = new ProcessSampler(procSelf);
    this.limits = new CgroupLimits(cgroupRoot, procSelf);
    this.ioProbe = new IoLatencyProbe(stateDir);
    this.history = new SampleHistory(intervalMillis);
    this.jvmWork = jvm.newSample();
    this.jvmLatest = jvm.newSample();
  }

  /**
   * A sampler of this process every {@code intervalMillis}, whose I/O probe times a metadata read
   * of {@code probeDir} (the state directory).
   */
  public static ResourceSampler create(long intervalMillis, File probeDir) {
    return new ResourceSampler(
        intervalMillis, Paths.get("/proc/self"), Paths.get("/sys/fs/cgroup"), probeDir);
  }

  @Override
  public String name() {
    return "resource sampling";
  }

  /** Takes the first sample now and then one every interval on the scheduler. */
  @Override
  public void start(AgentScheduler scheduler) {
    gc.subscribe();
    sampleOnce();
    synchronized (this) {
      this.scheduler = scheduler;
      task = scheduler.every("resource sampling", intervalMillis, this::sampleOnce);
    }
  }

  /**
   * Samples every {@code millis} from now on (a configuration reload). The recent values of the
   * local views start afresh, since their time axis is the interval.
   */
  public synchronized void reschedule(long millis) {
    AgentScheduler s = scheduler;
    if (millis == intervalMillis || s == null) {
      return;
    }
    ScheduledFuture<?> old = task;
    if (old != null) {
      old.cancel(false);
    }
    intervalMillis = millis;
    history = new SampleHistory(millis);
    task = s.every("resource sampling", millis, this::sampleOnce);
  }

  /** The interval samples are taken at now, in milliseconds. */
  public synchronized long intervalMillis() {
    return intervalMillis;
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
        addToCycle();
      }
      recordHistory();
    } catch (Throwable failure) {
      AgentLog.warnThrottled(
          "sample", "resource sampling failed, retrying next interval: " + failure);
    }
  }

  private void addToCycle() {
    cycleMeans.add(CycleMeans.Slot.RSS, processWork.rssBytes);
    cycleMeans.add(CycleMeans.Slot.PEAK_RSS, processWork.peakRssBytes);
    cycleMeans.add(CycleMeans.Slot.HEAP_AFTER_GC, heapAfterGc(jvmWork));
    cycleMeans.add(CycleMeans.Slot.CPU, processWork.cpuUtilization);
    cycleMeans.add(CycleMeans.Slot.THREADS, jvmWork.threads);
    cycleMeans.add(CycleMeans.Slot.FILE_DESCRIPTORS, processWork.openFileDescriptors);
    cycleMeans.add(CycleMeans.Slot.IO_LATENCY, processWork.ioLatencySeconds);
  }

  /** Heap used after the last collection, summed over heap pools; NaN before any collection. */
  private static double heapAfterGc(JvmSample j) {
    long sum = 0;
    boolean any = false;
    for (int i = 0; i < j.usedAfterLastGc.length; i++) {
      if (j.poolIsHeap[i] && j.usedAfterLastGc[i] >= 0) {
        sum += j.usedAfterLastGc[i];
        any = true;
      }
    }
    return any ? sum : Double.NaN;
  }

  /**
   * The mean of each indicator over the samples since the previous call, indexed by {@link
   * CycleMeans.Slot}: RSS, peak RSS, heap after GC, CPU, threads, fds, I/O latency (NaN where
   * nothing was sampled).
   */
  public synchronized double[] drainCycleMeans() {
    return cycleMeans.drain();
  }

  /** The cgroup memory limit of the latest sample, in bytes; -1 where there is none. */
  public synchronized long memoryLimitBytes() {
    return processLatest.memoryLimitBytes;
  }

  /** The total GC pause time so far, in microseconds. */
  public long gcPauseMicros() {
    long total = 0;
    for (long[] h : gc.snapshot().values()) {
      total += h[h.length - 1];
    }
    return total;
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
    history.add(SampleHistory.Series.HEAP_AFTER_GC_BYTES, heapAfterGc(jvmWork));
    history.add(SampleHistory.Series.GC_TIME_FRACTION, gcTimeFraction());
  }

  /** The share of the time since the previous sample spent in GC pauses; NaN for the first. */
  private double gcTimeFraction() {
    long now = System.nanoTime();
    long pauses = gc.totalMicros();
    double fraction =
        lastSampleNanos == 0 || now <= lastSampleNanos
            ? Double.NaN
            : Math.min(1, (pauses - lastGcMicros) * 1000.0 / (now - lastSampleNanos));
    lastSampleNanos = now;
    lastGcMicros = pauses;
    return fraction;
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
    synchronized (this) {
      ScheduledFuture<?> t = task;
      if (t != null) {
        t.cancel(false);
      }
    }
    gc.unsubscribe();
    process.close();
    limits.close();
  }
}
