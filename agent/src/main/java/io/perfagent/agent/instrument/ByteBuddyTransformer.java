package io.perfagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.record.MethodKind;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.bootstrap.Probe;
import java.lang.instrument.ClassFileTransformer;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * Builds the Byte Buddy transformer that weaves {@link TimedAdvice} and {@link CountedAdvice} into
 * the methods {@link MethodSelector} selects, with each method's registry id bound as a constant.
 * Kept apart from {@link Instrumenter} so that no Byte Buddy class is loaded in {@code premain}.
 */
final class ByteBuddyTransformer {

  /**
   * Byte Buddy's switch against {@code sun.misc.Unsafe}. Shading relocates this literal together
   * with Byte Buddy's own, so it reaches only the agent's copy; without it, JDK 24+ prints an
   * Unsafe deprecation warning into the host's log, and Advice never needs Unsafe anyway.
   */
  private static final String BYTE_BUDDY_SAFE_MODE = "net.bytebuddy.safe";

  private final MethodRegistry registry;
  private final MethodSelector selector;
  private final AtomicBoolean capLogged = new AtomicBoolean();

  private ByteBuddyTransformer(AgentConfig config, MethodRegistry registry) {
    this.registry = registry;
    this.selector = new MethodSelector(config);
  }

  static ClassFileTransformer create(AgentConfig config, MethodRegistry registry)
      throws NoSuchMethodException {
    return new ByteBuddyTransformer(config, registry).build();
  }

  private ClassFileTransformer build() throws NoSuchMethodException {
    if (System.getProperty(BYTE_BUDDY_SAFE_MODE) == null) {
      System.setProperty(BYTE_BUDDY_SAFE_MODE, "true");
    }
    Advice.WithCustomMapping ids = Advice.withCustomMapping().bind(new MethodIdMapping(this::idOf));
    Advice.ExceptionHandler countFailure =
        new Advice.ExceptionHandler.Simple(
            MethodInvocation.invoke(
                new MethodDescription.ForLoadedMethod(
                    Probe.class.getMethod("adviceFailed", Throwable.class))));
    Advice timed = ids.to(TimedAdvice.class).withExceptionHandler(countFailure);
    Advice counted = ids.to(CountedAdvice.class).withExceptionHandler(countFailure);
    ElementMatcher<MethodDescription> timedMethods = m -> isSelected(m, MethodKind.TIMED);
    ElementMatcher<MethodDescription> countedMethods = m -> isSelected(m, MethodKind.COUNTED);

    return new AgentBuilder.Default(
            new ByteBuddy()
                .with(TypeValidation.DISABLED)
                // Only declared methods are woven: no need to resolve and walk the supertypes.
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE))
        .disableClassFormatChanges()
        // Advice only visits existing methods, so Byte Buddy may skip rebuilding the type. With
        // the two lines around it, start-up with 1 000 measured classes went from +3.4 s to
        // +1.1 s (BENCHMARKS.md).
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        .with(new SharedAnnotationTypes())
        // Weakly: a shared annotation type's pool must not pin the class loader it came from.
        .with(AgentBuilder.LocationStrategy.ForClassLoader.WEAK)
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
