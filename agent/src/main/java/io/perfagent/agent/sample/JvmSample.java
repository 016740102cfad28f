package io.perfagent.agent.sample;

/** The latest reading of the JVM's MXBeans; arrays are per memory pool / buffer pool. */
final class JvmSample {
  final String[] poolNames;
  final boolean[] poolIsHeap;
  final long[] used;
  final long[] committed;
  /** -1 where the pool has no limit. */
  final long[] limit;
  /** -1 where the pool reports no collection usage. */
  final long[] usedAfterLastGc;
  final String[] bufferPoolNames;
  final long[] bufferUsed;
  final long[] bufferCapacity;
  final long[] bufferCount;
  long threads;
  long classesLoaded;
  long classesUnloaded;
  long classesCurrent;
  long cpuNanos = -1;
  long processors;
  double recentCpuUtilization = Double.NaN;

  JvmSample(String[] poolNames, boolean[] poolIsHeap, String[] bufferPoolNames) {
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

  void copyTo(JvmSample t) {
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
