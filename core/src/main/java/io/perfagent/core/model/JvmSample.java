package io.perfagent.core.model;

/**
 * The latest reading of the JVM's MXBeans; arrays are per memory pool / buffer pool. Like {@link
 * ProcessSample}, a reusable mutable buffer shaped once for this JVM's pools.
 */
public final class JvmSample {
  public final String[] poolNames;
  public final boolean[] poolIsHeap;
  public final long[] used;
  public final long[] committed;

  /** -1 where the pool has no limit. */
  public final long[] limit;

  /** -1 where the pool reports no collection usage. */
  public final long[] usedAfterLastGc;

  public final String[] bufferPoolNames;
  public final long[] bufferUsed;
  public final long[] bufferCapacity;
  public final long[] bufferCount;
  public long threads;
  public long classesLoaded;
  public long classesUnloaded;
  public long classesCurrent;
  public long cpuNanos = -1;
  public long processors;
  public double recentCpuUtilization = Double.NaN;

  /** An empty sample for the given pools. */
  public JvmSample(String[] poolNames, boolean[] poolIsHeap, String[] bufferPoolNames) {
    this.poolNames = poolNames;
    this.poolIsHeap = poolIsHeap;
    int n = poolNames.length;
    this.used = new long[n];
    this.committed = new long[n];
    this.limit = new long[n];
    this.usedAfterLastGc = new long[n];
    this.bufferPoolNames = bufferPoolNames;
    int b = bufferPoolNames.length;
    this.bufferUsed = new long[b];
    this.bufferCapacity = new long[b];
    this.bufferCount = new long[b];
  }

  /** Copies every value into {@code t}, which must have the same shape. */
  public void copyTo(JvmSample t) {
    System.arraycopy(used, 0, t.used, 0, used.length);
    System.arraycopy(committed, 0, t.committed, 0, committed.length);
    System.arraycopy(limit, 0, t.limit, 0, limit.length);
    System.arraycopy(usedAfterLastGc, 0, t.usedAfterLastGc, 0, usedAfterLastGc.length);
    System.arraycopy(bufferUsed, 0, t.bufferUsed, 0, bufferUsed.length);
    System.arraycopy(bufferCapacity, 0, t.bufferCapacity, 0, bufferCapacity.length);
    System.arraycopy(bufferCount, 0, t.bufferCount, 0, bufferCount.length);
    t.threads = threads;
    t.classesLoaded = classesLoaded;
    t.classesUnloaded = classesUnloaded;
    t.classesCurrent = classesCurrent;
    t.cpuNanos = cpuNanos;
    t.processors = processors;
    t.recentCpuUtilization = recentCpuUtilization;
  }
}
