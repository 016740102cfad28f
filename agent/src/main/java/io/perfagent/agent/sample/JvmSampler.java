package io.perfagent.agent.sample;

import io.perfagent.core.model.JvmSample;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Reads the JVM's MXBeans: memory pools, threads, classes, CPU and buffer pools. No thread dumps or
 * other safepoint operations. {@link MemoryPoolMXBean#getUsage()} returns a fresh object, so each
 * pool costs a small allocation per sample; everything else here allocates nothing.
 *
 * <p>Recent CPU utilization is computed from process CPU time between two samples rather than read
 * from {@code getProcessCpuLoad()}: inside a container that JDK call re-reads the cgroup files in
 * Java, at a cost many times this class's (figures in BENCHMARKS.md).
 */
final class JvmSampler {

  private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
  private final List<BufferPoolMXBean> buffers =
      ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
  private final CpuUtilization recentUtilization = new CpuUtilization();

  /** An empty sample shaped for this JVM's pools. */
  JvmSample newSample() {
    String[] names = new String[pools.size()];
    boolean[] heap = new boolean[pools.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = pools.get(i).getName();
      heap[i] = pools.get(i).getType() == MemoryType.HEAP;
    }
    String[] bufferNames = new String[buffers.size()];
    for (int i = 0; i < bufferNames.length; i++) {
      bufferNames[i] = buffers.get(i).getName();
    }
    return new JvmSample(names, heap, bufferNames);
  }

  void sample(JvmSample s) {
    for (int i = 0; i < s.used.length; i++) {
      MemoryPoolMXBean pool = pools.get(i);
      MemoryUsage usage = pool.getUsage();
      s.used[i] = usage.getUsed();
      s.committed[i] = usage.getCommitted();
      s.limit[i] = usage.getMax();
      MemoryUsage afterGc = pool.getCollectionUsage();
      s.usedAfterLastGc[i] = afterGc == null ? -1 : afterGc.getUsed();
    }
    for (int i = 0; i < s.bufferUsed.length; i++) {
      BufferPoolMXBean b = buffers.get(i);
      s.bufferUsed[i] = b.getMemoryUsed();
      s.bufferCapacity[i] = b.getTotalCapacity();
      s.bufferCount[i] = b.getCount();
    }
    s.threads = threads.getThreadCount();
    s.classesLoaded = classes.getTotalLoadedClassCount();
    s.classesUnloaded = classes.getUnloadedClassCount();
    s.classesCurrent = classes.getLoadedClassCount();
    s.processors = Runtime.getRuntime().availableProcessors();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      com.sun.management.OperatingSystemMXBean sun = (com.sun.management.OperatingSystemMXBean) os;
      s.cpuNanos = sun.getProcessCpuTime();
      s.recentCpuUtilization = recentUtilization.next(s.cpuNanos, System.nanoTime(), s.processors);
    }
  }
}
