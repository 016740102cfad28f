package io.perfagent.agent.record;

import io.perfagent.bootstrap.ProbeSink;
import io.perfagent.core.model.MethodMetricsSource;
import io.perfagent.core.model.MethodSeries;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Assigns each measured method its integer id at transform time and routes the woven code's reports
 * to that method's recorder by array index: no map, string or allocation per call.
 *
 * <p>Registration is rare and synchronized; the array of recorders is replaced copy-on-write, so
 * the hot path reads it without a lock. Ids are per {@code code.function.name}: a method keeps its
 * id across retransformations and class loaders, and overloads share one series, because two series
 * with identical attributes would be one series to every backend anyway.
 */
public final class MethodRegistry implements ProbeSink, MethodMetricsSource {

  /** Returned by {@link #register} when the method cap is reached. */
  public static final int REJECTED = -1;

  private final int maxMethods;
  private final Map<String, Integer> idsByName = new HashMap<>();

  /**
   * {@code @Measured(budget = ...)} declarations in the order the weaver met them, each {@code
   * method → spec} once: read by the alerts, which turn them into rules.
   */
  private final List<Map.Entry<String, String>> budgets = new ArrayList<>();

  private final Set<String> budgetKeys = new HashSet<>();
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
   * kind; the transformer weaves every method with the kind of its name ({@link #kindOf}), so that
   * every call of every method of a name is counted the same way.
   *
   * @param functionName the {@code code.function.name} value
   * @return the id, or {@link #REJECTED} when {@code maxMethods} are registered already
   */
  public synchronized int register(String functionName, MethodKind kind) {
    return register(functionName, kind, "");
  }

  /**
   * As {@link #register(String, MethodKind)}, also recording the method's performance budget (the
   * {@code budget} of its {@code @Measured}; empty: none) for {@link #budgetsFrom}. A budget is
   * kept once per name and spec, and only for a method the cap let in.
   */
  public synchronized int register(String functionName, MethodKind kind, String budget) {
    int id = registerName(functionName, kind);
    if (id != REJECTED
        && !budget.isEmpty()
        && budgets.size() < maxMethods
        && budgetKeys.add(functionName + '\n' + budget)) {
      budgets.add(new AbstractMap.SimpleImmutableEntry<>(functionName, budget));
    }
    return id;
  }

  /**
   * The budgets declared since the first {@code from} (method → spec, in declaration order): a
   * reader keeps how many it has seen and asks for the rest.
   */
  public synchronized List<Map.Entry<String, String>> budgetsFrom(int from) {
    return from >= budgets.size()
        ? Collections.emptyList()
        : new ArrayList<>(budgets.subList(Math.max(0, from), budgets.size()));
  }

  private int registerName(String functionName, MethodKind kind) {
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

  /** The kind of the method with that id (an id {@link #register} returned). */
  public MethodKind kindOf(int methodId) {
    return recorders[methodId].kind;
  }

  /**
   * Runs one report of every kind and outcome through a scratch registry, so that every class the
   * report path needs is loaded and initialised now. Otherwise the first failed call of a method
   * loads {@code ErrorSeries} (and the JDK's contended-counter cell) on the application's thread;
   * when that call failed with a {@link StackOverflowError} there is no stack left for the
   * class-file transformer, the JVM prints "java.lang.instrument ASSERTION FAILED" and the call is
   * lost.
   */
  public static void preloadReportPath() {
    MethodRegistry scratch = new MethodRegistry(2);
    Throwable failure = new StackOverflowError("preload");
    int timed = scratch.register("preload.timed", MethodKind.TIMED);
    int counted = scratch.register("preload.counted", MethodKind.COUNTED);
    for (Throwable outcome : new Throwable[] {null, failure}) {
      scratch.timed(timed, 1L, outcome);
      scratch.counted(timed, outcome);
      scratch.timed(counted, 1L, outcome);
      scratch.counted(counted, outcome);
    }
    try {
      // LongAdder creates its cells under contention only: that class must be loaded too.
      Class.forName("java.util.concurrent.atomic.Striped64$Cell");
    } catch (ClassNotFoundException | LinkageError notThisJdk) {
      // Another JDK's LongAdder: nothing to preload.
    }
  }

  /** How many methods are registered. */
  public synchronized int size() {
    return size;
  }

  @Override
  public void timed(int methodId, long durationNanos, @Nullable Throwable thrown) {
    MethodRecorder r = recorders[methodId];
    if (r.kind == MethodKind.TIMED) {
      r.timed(durationNanos, thrown);
    } else {
      r.counted(thrown); // an overload of another kind: its calls still count
    }
  }

  @Override
  public long enter(int methodId) {
    return recorders[methodId].enter();
  }

  @Override
  public void untimed(int methodId, @Nullable Throwable thrown) {
    MethodRecorder r = recorders[methodId];
    if (r.kind == MethodKind.TIMED) {
      r.untimed(thrown);
    } else {
      r.counted(thrown);
    }
  }

  @Override
  public void nested(int methodId, @Nullable Throwable thrown) {
    recorders[methodId].nested(thrown);
  }

  /** The recorders registered so far, for the governor; never changed through the array. */
  MethodRecorder[] recorders() {
    return recorders;
  }

  @Override
  public void counted(int methodId, @Nullable Throwable thrown) {
    MethodRecorder r = recorders[methodId];
    if (r.kind == MethodKind.COUNTED) {
      r.counted(thrown);
    } else {
      // Not reached through weaving, which gives every method of a timed name the timed advice;
      // should it happen, the call still counts (with no duration to give, in the zero bucket).
      r.timed(0L, thrown);
    }
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
