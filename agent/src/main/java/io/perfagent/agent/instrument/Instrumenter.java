package io.perfagent.agent.instrument;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.MethodPattern;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.record.MethodRegistry;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Wires measurement into the JVM in two steps: {@link #register} (from {@code premain}: only the
 * cheap {@link DeferredTransformer}; no Byte Buddy class is loaded) and {@link #activate} (from a
 * background thread: builds the Byte Buddy transformer, then retransforms matching classes that
 * were loaded before the agent). While running, {@link #reconfigure} applies another selection (hot
 * reload) and {@link #detach} removes every advice; both are additive to the start-up path and
 * retransform only the classes concerned.
 */
public final class Instrumenter {

  private final Instrumentation instrumentation;
  private volatile AgentConfig config;
  private final MethodRegistry registry;
  private final DeferredTransformer deferred;
  private volatile PatternUse use;

  private Instrumenter(
      Instrumentation instrumentation, AgentConfig config, MethodRegistry registry) {
    this.instrumentation = instrumentation;
    this.config = config;
    this.registry = registry;
    this.deferred = new DeferredTransformer(ClassPrefilter.forConfig(config));
    this.use = new PatternUse(config.methods());
  }

  /** Registers the deferred transformer; cheap enough for {@code premain}. */
  public static Instrumenter register(
      Instrumentation instrumentation, AgentConfig config, MethodRegistry registry) {
    Instrumenter instrumenter = new Instrumenter(instrumentation, config, registry);
    instrumentation.addTransformer(instrumenter.deferred, true);
    return instrumenter;
  }

  /**
   * Builds the Byte Buddy transformer, releases classes waiting for it and retransforms matching
   * classes loaded earlier. On failure the application runs on unmeasured.
   */
  public void activate() throws NoSuchFieldException {
    try {
      long start = System.nanoTime();
      MethodRegistry.preloadReportPath(); // before any woven code can run: see its Javadoc
      deferred.activate(ByteBuddyTransformer.create(config, registry, selectorFor(config, use)));
      AgentLog.debug(
          "weaver ready in "
              + (System.nanoTime() - start) / 1_000_000
              + " ms; "
              + deferred.waitedCount()
              + " class loads waited for it");
    } catch (RuntimeException | Error | NoSuchFieldException failure) {
      deferred.abandon();
      throw failure;
    }
    retransformLoadedClasses();
  }

  private MethodSelector selectorFor(AgentConfig c, PatternUse u) {
    ClassPrefilter prefilter = deferred.prefilter();
    return new MethodSelector(c, u, prefilter::addSupertype);
  }

  /** Gives up: classes waiting for instrumentation load unmeasured. */
  public void abandon() {
    deferred.abandon();
  }

  /** Removes the transformer; already woven classes keep reporting to the probe. */
  public void remove() {
    instrumentation.removeTransformer(deferred);
  }

  /**
   * Classes loaded before the transformer was registered (few at {@code premain}, all of them on
   * attach) are found by reflection and retransformed; the deferred transformer then sees them.
   */
  private void retransformLoadedClasses() {
    List<Class<?>> candidates = candidates(config, instrumentation.getAllLoadedClasses());
    retransform(candidates);
    if (!candidates.isEmpty()) {
      AgentLog.debug("retransformed " + candidates.size() + " classes loaded before the agent");
    }
  }

  /** The loaded classes that the configuration may measure (false positives are fine). */
  private List<Class<?>> candidates(AgentConfig c, Class<?>[] loaded) {
    List<Class<?>> candidates = new ArrayList<>();
    Set<String> configured = new HashSet<>();
    for (MethodPattern p : c.methods()) {
      if (p.kind() == MethodPattern.Kind.INCLUDE && p.isExactClass()) {
        configured.add(p.className());
      }
    }
    LoadedPatterns patterns = new LoadedPatterns(c.methods());
    for (Class<?> k : loaded) {
      if (mayHaveMeasuredMethods(k, configured) || (isWeavable(k) && patterns.mayMatch(k))) {
        candidates.add(k);
      }
    }
    return candidates;
  }

  /** Retransforms in batches of 64 (one JVM safepoint each), class by class where one fails. */
  private void retransform(List<Class<?>> classes) {
    retransform(classes, 64);
  }

  private void retransform(List<Class<?>> classes, int batch) {
    for (int from = 0; from < classes.size(); from += batch) {
      List<Class<?>> part = classes.subList(from, Math.min(classes.size(), from + batch));
      try {
        instrumentation.retransformClasses(part.toArray(new Class<?>[0]));
      } catch (Throwable batchFailed) {
        for (Class<?> c : part) {
          try {
            instrumentation.retransformClasses(c);
          } catch (Throwable failure) {
            AgentLog.warnThrottled(
                "retransform", "could not retransform class " + c.getName() + ": " + failure);
          }
        }
      }
    }
  }

  /**
   * Applies another selection live: the new prefilter and Byte Buddy transformer take over for
   * classes loaded from now on, and the loaded classes whose selection may have changed are
   * retransformed, in one call. Those are the classes a pattern added or removed names (by name,
   * through a supertype, or by an annotation): a class that only kept patterns name keeps its woven
   * code, untouched ({@link SelectionChange}). Method ids are kept by name, so the counters of kept
   * methods go on; removed methods stop counting; calls in flight finish in the code they started
   * in and are counted.
   *
   * @return how many classes were retransformed
   */
  public synchronized int reconfigure(AgentConfig next) throws NoSuchFieldException {
    long t0 = System.nanoTime();
    long cpu0 = threadCpuNanos();
    ClassPrefilter prefilter = ClassPrefilter.forConfig(next);
    prefilter.inherit(deferred.prefilter());
    PatternUse nextUse = new PatternUse(next.methods());
    MethodSelector selector = new MethodSelector(next, nextUse, prefilter::addSupertype);
    java.lang.instrument.ClassFileTransformer woven =
        ByteBuddyTransformer.create(next, registry, selector);
    long t1 = System.nanoTime();
    Class<?>[] loaded = instrumentation.getAllLoadedClasses();
    List<Class<?>> affected;
    SelectionChange change = new SelectionChange(config, next);
    if (change.concernsEveryClass()) {
      // Annotation switches or async timing: every woven class, and every class that annotations
      // may now select (this reads every class's annotations: slower).
      Set<Class<?>> all = new java.util.LinkedHashSet<>(deferred.woven().among(loaded));
      all.addAll(candidates(next, loaded));
      affected = new ArrayList<>(all);
    } else {
      affected = change.affected(loaded, this::isModifiable);
      nextUse.carryOver(use);
    }
    long t2 = System.nanoTime();
    deferred.replace(prefilter, woven);
    config = next;
    use = nextUse;
    long weaving = deferred.retransformNanos();
    retransform(affected, RELOAD_BATCH);
    AgentLog.debug(
        "reconfigure: transformer "
            + (t1 - t0) / 1_000_000
            + " ms, finding classes "
            + (t2 - t1) / 1_000_000
            + " ms, retransforming "
            + affected.size()
            + " classes "
            + (System.nanoTime() - t2) / 1_000_000
            + " ms (weaving "
            + (deferred.retransformNanos() - weaving) / 1_000_000
            + " ms); this thread's CPU "
            + (threadCpuNanos() - cpu0) / 1_000_000
            + " ms");
    return affected.size();
  }

  /**
   * CPU time of the calling thread, -1 where unsupported: on a loaded machine a reload's wall time
   * is mostly waiting for a core, and the debug line says which.
   */
  private static long threadCpuNanos() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
  }

  /**
   * Classes a reload retransforms per call: all at once (one safepoint, one pass over dependent
   * compiled code), bounded so that a huge change does not hold one safepoint for seconds.
   */
  private static final int RELOAD_BATCH = 1_000;

  /** Whether the JVM lets the class be retransformed; the caller has checked its name. */
  private boolean isModifiable(Class<?> c) {
    return !c.isSynthetic() && instrumentation.isModifiableClass(c);
  }

  /**
   * Removes every advice: the transformer goes, and the classes it changed are retransformed back
   * to their original bytes. Calls in flight finish in woven code and still report to the probe.
   * Classes defined with recursion copies keep them as unreachable placeholders (the JVM does not
   * let a class lose methods), and the transformer stays for them alone.
   *
   * @return how many classes were restored
   */
  public synchronized int detach() {
    deferred.replace(deferred.prefilter(), null);
    if (!RecursionCopies.any()) {
      instrumentation.removeTransformer(deferred);
    } // else it stays: whenever a class with recursion copies is retransformed, it keeps them

    List<Class<?>> woven = deferred.woven().among(instrumentation.getAllLoadedClasses());
    retransform(woven);
    return woven.size();
  }

  /**
   * Retransforms loaded classes that a pattern may now select through a supertype learnt since the
   * last call (see {@link ClassPrefilter#takeLearnt}); cheap when nothing was learnt. Run
   * periodically on the agent's thread.
   *
   * @return how many classes were retransformed
   */
  public synchronized int sweepLearntSupertypes() {
    if (!deferred.prefilter().takeLearnt()) {
      return 0;
    }
    LoadedPatterns patterns = new LoadedPatterns(config.methods());
    WovenClasses woven = deferred.woven();
    List<Class<?>> found = new ArrayList<>();
    for (Class<?> k : instrumentation.getAllLoadedClasses()) {
      if (!woven.contains(k)
          && !k.isInterface()
          && isWeavable(k)
          && patterns.mayMatchBySupertype(k)) {
        found.add(k);
      }
    }
    retransform(found);
    if (!found.isEmpty()) {
      AgentLog.debug("retransformed " + found.size() + " implementations of newly matched types");
    }
    return found.size();
  }

  /** Weaves the thread-pool constructors, so that new pools are found ({@link ExecutorWeaving}). */
  public ExecutorWeaving weaveExecutors() {
    return ExecutorWeaving.install(instrumentation);
  }

  /**
   * One line per pattern of {@code perf.instrument.methods} that has selected nothing, with why.
   */
  public List<String> unmatchedPatterns() {
    return UnmatchedPatterns.explain(use.unmatched(), instrumentation.getAllLoadedClasses());
  }

  private boolean isWeavable(Class<?> c) {
    return !c.isArray()
        && !c.isPrimitive()
        && !c.isSynthetic()
        && instrumentation.isModifiableClass(c)
        && !DeferredTransformer.isIgnored(c.getName().replace('.', '/'));
  }

  private boolean mayHaveMeasuredMethods(Class<?> c, Set<String> configured) {
    if (!isWeavable(c)) {
      return false;
    }
    if (configured.contains(c.getName())) {
      return true;
    }
    try {
      if (ClassLoader.class.isAssignableFrom(c) && declaresLoadClass(c)) {
        return true; // a loader created before the agent: it needs BootDelegationAdvice too
      }
      if (hasHonouredAnnotation(c.getDeclaredAnnotations())) {
        return true;
      }
      for (Method m : c.getDeclaredMethods()) {
        if (hasHonouredAnnotation(m.getDeclaredAnnotations())) {
          return true;
        }
      }
    } catch (Throwable unreadable) {
      // A class whose members cannot be resolved cannot be matched either: leave it alone.
    }
    return false;
  }

  private static boolean declaresLoadClass(Class<?> c) {
    for (Method m : c.getDeclaredMethods()) {
      if (m.getName().equals("loadClass") && m.getReturnType() == Class.class) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasHonouredAnnotation(java.lang.annotation.Annotation[] annotations) {
    for (java.lang.annotation.Annotation a : annotations) {
      if (AnnotationNames.ALL.contains(a.annotationType().getName())) {
        return true;
      }
    }
    return false;
  }
}
