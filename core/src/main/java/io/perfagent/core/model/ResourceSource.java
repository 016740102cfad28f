package io.perfagent.core.model;

import java.util.List;
import java.util.Map;

/**
 * Where resource readings come from at collection time: the agent's sampler, or a fixed source in
 * tests. Every method is called off the hot path and must not block for long.
 */
public interface ResourceSource {

  /** An empty JVM sample shaped like this source's, to copy into. */
  JvmSample newJvmSample();

  /** Copies the latest reading into the given buffers. */
  void latest(ProcessSample processOut, JvmSample jvmOut);

  /**
   * The GC pauses so far: key = [{@code jvm.gc.name}, {@code jvm.gc.action}], value = cumulative
   * bucket counts over {@link GcPauses#boundariesSeconds()} (one more than the boundaries), then
   * the sum in microseconds in the last slot.
   */
  Map<List<String>, long[]> gcPauses();
}
