package io.perfagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.record.MethodKind;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.bootstrap.Probe;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Wires measurement into the JVM in two steps: {@link #register} (from {@code premain}: only the
 * cheap {@link DeferredTransformer}) and {@link #activate} (from a background thread: builds the
 * Byte Buddy transformer, then retransforms matching classes that were loaded before the agent).
 */
public final class Instrumenter {

  private final Instrumentation instrumentation;
  private final MethodRegistry registry;
  private final MethodSelector selector;
  private final DeferredTransformer deferred;
  private final AtomicBoolean capLogged = new AtomicBoolean();

  private Instrumenter(Instrumentation instrumentation, AgentConfig config, MethodRegistry registry) {
    this.instrumentation = instrumentation;
    this.registry = registry;
    this.selector = new MethodSelector(config);
    this.deferred =
        new DeferredTransformer(
            ClassPrefilter.forSelector(selector, config.withSpan(), config.micrometer()));
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
  public void activate() throws NoSuchMethodException {
    try {
      deferred.activate(buildTransformer());
    } catch (RuntimeException | Error | NoSuchMethodException failure) {
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
   * Byte Buddy's switch against {@code sun.misc.Unsafe}. Shading relocates this literal together
   * with Byte Buddy's own, so it reaches only the agent's copy; without it, JDK 24+ prints an
   * Unsafe deprecation warning into the host's log, and Advice never needs Unsafe anyway.
   */
  private static final String BYTE_BUDDY_SAFE_MODE = "net.bytebuddy.safe";

  private ClassFileTransformer buildTransformer() throws NoSuchMethodException {
    if (System.getProperty(BYTE_BUDDY_SAFE_MODE) == null) {
      System.setProperty(BYTE_BUDDY_SAFE_MODE, "true");
    }
    Advice.WithCustomMapping ids =
        Advice.withCustomMapping().bind(new MethodIdMapping(this::idOf));
    Advice.ExceptionHandler countFailure =
        new Advice.ExceptionHandler.Simple(
            MethodInvocation.invoke(
                new MethodDescription.ForLoadedMethod(
                    Probe.class.getMethod("adviceFailed", Throwable.class))));
    Advice timed = ids.to(TimedAdvice.class).withExceptionHandler(countFailure);
    Advice counted = ids.to(CountedAdvice.class).withExceptionHandler(countFailure);
    ElementMatcher<MethodDescription> timedMethods = m -> isSelected(m, MethodKind.TIMED);
    ElementMatcher<MethodDescription> countedMethods = m -> isSelected(m, MethodKind.COUNTED);

    return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.PoolStrategy.Default.FAST)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
        .with(new FailureListener())
        .ignore(nameStartsWith("io.perfagent."))
        .type(selector::selectsAny)
        .transform(
            (builder, type, loader, module, domain) ->
                builder.visit(timed.on(timedMethods)).visit(counted.on(countedMethods)))
        .makeRaw();
  }

  private boolean isSelected(MethodDescription method, MethodKind kind) {
    Selection s = selector.select(method);
    return s != null && s.kind == kind && register(s) != MethodRegistry.REJECTED;
  }

  private int idOf(MethodDescription method) {
    Selection s = selector.select(method);
    if (s == null) {
      throw new IllegalStateException("not a measured method: " + method);
    }
    return register(s);
  }

  private int register(Selection s) {
    int id = registry.register(s.functionName, s.kind);
    if (id == MethodRegistry.REJECTED && capLogged.compareAndSet(false, true)) {
      AgentLog.warn(
          "perf.instrument.max-methods reached; further methods (first: "
              + s.functionName
              + ") run unmeasured");
    }
    return id;
  }

  /**
   * Classes loaded before the transformer was registered (few at {@code premain}, all of them on
   * attach) are found by reflection and retransformed; the deferred transformer then sees them.
   */
  private void retransformLoadedClasses() {
    List<Class<?>> candidates = new ArrayList<>();
    Set<String> configured = new HashSet<>();
    selector.configuredClasses().forEach(configured::add);
    for (Class<?> c : instrumentation.getAllLoadedClasses()) {
      if (mayHaveMeasuredMethods(c, configured)) {
        candidates.add(c);
      }
    }
    for (Class<?> c : candidates) {
      try {
        instrumentation.retransformClasses(c);
      } catch (Throwable failure) {
        AgentLog.warnEvery(
            "retransform", 60_000, "could not instrument loaded class " + c.getName() + ": " + failure);
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

  private static boolean hasHonouredAnnotation(java.lang.annotation.Annotation[] annotations) {
    for (java.lang.annotation.Annotation a : annotations) {
      String name = a.annotationType().getName();
      if (name.equals(AnnotationNames.MEASURED)
          || name.equals(AnnotationNames.COUNTED)
          || name.equals(AnnotationNames.WITH_SPAN)
          || name.equals(AnnotationNames.WITH_SPAN_LEGACY)
          || name.equals(AnnotationNames.MICROMETER_TIMED)
          || name.equals(AnnotationNames.MICROMETER_COUNTED)) {
        return true;
      }
    }
    return false;
  }

  /** Logs Byte Buddy's transformation errors, throttled; the class then loads unmeasured. */
  private static final class FailureListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        Throwable throwable) {
      AgentLog.warnEvery(
          "bytebuddy-error",
          60_000,
          "could not instrument " + typeName + ", it runs unmeasured: " + throwable);
    }
  }
}
