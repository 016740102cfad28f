package io.perfagent.agent.record;

import io.perfagent.bootstrap.ProbeSink;
import io.perfagent.core.model.MethodMetricsSource;
import io.perfagent.core.model.MethodSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns each measured method its integer id at transform time and routes the woven code's
 * reports to that method's recorder by array index: no map, string or allocation per call.
 *
 * <p>Registration is rare and synchronized; the array of recorders is replaced copy-on-write, so
 * the hot path reads it without a lock. Ids are per {@code code.function.name}: a method keeps its
 * id across retransformations and class loaders, and overloads share one series, because two
 * series with identical attributes would be one series to every backend anyway.
 */
public final class MethodRegistry implements ProbeSink, MethodMetricsSource {

  /** Returned by {@link #register} when the method cap is reached. */
  public static final int REJECTED = -1;

  private final int maxMethods;
  private final Map<String, Integer> idsByName = new HashMap<>();
  private volatile MethodRecorder[] recorders = new MethodRecorder[64];
  private int size;

  /** A registry that accepts at most {@code maxMethods} methods (a cardinality cap). */
  public MethodRegistry(int maxMethods) {
    if (maxMethods < 1) {
      throw new IllegalArgumentException("maxMethods must be at least 1, got " + maxMethods);
    }
    this.maxMethods = maxMethods;
  }

  /**
   * The id of a method, registering it on first sight. The first registration of a name fixes its
   * kind.
   *
   * @param functionName the {@code code.function.name} value
   * @return the id, or {@link #REJECTED} when {@code maxMethods} are registered already
   */
  public synchronized int register(String functionName, MethodKind kind) {
    Integer known = idsByName.get(functionName);
    if (known != null) {
      return known;
    }
    if (size >= maxMethods) {
      return REJECTED;
    }
    MethodRecorder[] current = recorders;
    if (size == current.length) {
      current = Arrays.copyOf(current, Math.min(maxMethods, current.length * 2));
    }
    int id = size++;
    current[id] = new MethodRecorder(functionName, kind);
    recorders = current; // publishes the new recorder before any woven code can use the id
    idsByName.put(functionName, id);
    return id;
  }

  /** How many methods are registered. */
  public synchronized int size() {
    return size;
  }

  @Override
  public void timed(int methodId, long durationNanos, Throwable thrown) {
    MethodRecorder r = recorders[methodId];
    if (r.kind == MethodKind.TIMED) {
      r.timed(durationNanos, thrown);
    } else {
      r.counted(thrown); // an overload of another kind: its calls still count
    }
  }

  @Override
  public void counted(int methodId, Throwable thrown) {
    MethodRecorder r = recorders[methodId];
    if (r.kind == MethodKind.COUNTED) {
      r.counted(thrown);
    }
    // A counted overload of a timed name has no duration to give; it is not recorded rather
    // than recorded as a false zero.
  }

  @Override
  public List<MethodSeries> collect() {
    MethodRecorder[] snapshot = recorders;
    List<MethodSeries> out = new ArrayList<>();
    for (MethodRecorder r : snapshot) {
      if (r == null) {
        break;
      }
      r.collectInto(out);
    }
    return out;
  }
}
