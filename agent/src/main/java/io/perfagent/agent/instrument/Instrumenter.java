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
 * were loaded before the agent).
 */
public final class Instrumenter {

  private final Instrumentation instrumentation;
  private final AgentConfig config;
  private final MethodRegistry registry;
  private final DeferredTransformer deferred;

  private Instrumenter(Instrumentation instrumentation, AgentConfig config, MethodRegistry registry) {
    this.instrumentation = instrumentation;
    this.config = config;
    this.registry = registry;
    this.deferred = new DeferredTransformer(ClassPrefilter.forConfig(config));
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
      deferred.activate(ByteBuddyTransformer.create(config, registry));
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
    List<Class<?>> candidates = new ArrayList<>();
    Set<String> configured = new HashSet<>();
    for (MethodPattern p : config.methods()) {
      configured.add(p.className());
    }
    for (Class<?> c : instrumentation.getAllLoadedClasses()) {
      if (mayHaveMeasuredMethods(c, configured)) {
        candidates.add(c);
      }
    }
    for (Class<?> c : candidates) {
      try {
        instrumentation.retransformClasses(c);
      } catch (Throwable failure) {
        AgentLog.warnThrottled(
            "retransform", "could not instrument loaded class " + c.getName() + ": " + failure);
      }
    }
    if (!candidates.isEmpty()) {
      AgentLog.debug("retransformed " + candidates.size() + " classes loaded before the agent");
    }
  }

  private boolean mayHaveMeasuredMethods(Class<?> c, Set<String> configured) {
    if (c.isArray()
        || c.isPrimitive()
        || c.isSynthetic()
        || !instrumentation.isModifiableClass(c)
        || DeferredTransformer.isIgnored(c.getName().replace('.', '/'))) {
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
