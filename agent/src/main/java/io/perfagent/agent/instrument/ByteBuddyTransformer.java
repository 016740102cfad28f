package io.perfagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.MethodPattern;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.record.MethodKind;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.bootstrap.Probe;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.Addition;
import net.bytebuddy.implementation.bytecode.Removal;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.constant.LongConstant;
import net.bytebuddy.implementation.bytecode.member.FieldAccess;
import net.bytebuddy.matcher.ElementMatcher;
import org.jspecify.annotations.Nullable;

/**
 * Builds the Byte Buddy transformer that weaves {@link TimedAdvice} and {@link CountedAdvice} into
 * the methods {@link MethodSelector} selects, with each method's registry id bound as a constant.
 * Kept apart from {@link Instrumenter} so that no Byte Buddy class is loaded in {@code premain}.
 *
 * <p>Every class goes through {@link LeanWeaver}'s single pass: no type pool, method graph or agent
 * builder.
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
  private final TooLargeMethods tooLarge = new TooLargeMethods();
  private final FailureListener failures = new FailureListener(tooLarge);

  private final boolean withSpan;
  private final boolean micrometer;
  private final boolean asyncTiming;
  private final boolean recursionCopies;
  private final List<String> annotationPatterns = new ArrayList<>();

  private ByteBuddyTransformer(
      AgentConfig config, MethodRegistry registry, MethodSelector selector) {
    this.registry = registry;
    this.selector = selector;
    this.withSpan = config.withSpan();
    this.micrometer = config.micrometer();
    this.asyncTiming = config.asyncTiming();
    this.recursionCopies = config.recursionCopies();
    for (MethodPattern p : config.methods()) {
      if (p.kind() == MethodPattern.Kind.ANNOTATION) {
        annotationPatterns.add(p.className());
      }
    }
  }

  static ClassFileTransformer create(AgentConfig config, MethodRegistry registry)
      throws NoSuchFieldException {
    return create(config, registry, new MethodSelector(config));
  }

  /** With a selector of the caller's (it reports pattern use and learnt supertypes). */
  static ClassFileTransformer create(
      AgentConfig config, MethodRegistry registry, MethodSelector selector)
      throws NoSuchFieldException {
    return new ByteBuddyTransformer(config, registry, selector).build();
  }

  private ClassFileTransformer build() throws NoSuchFieldException {
    if (System.getProperty(BYTE_BUDDY_SAFE_MODE) == null) {
      System.setProperty(BYTE_BUDDY_SAFE_MODE, "true");
    }
    Advice.WithCustomMapping ids = Advice.withCustomMapping().bind(new MethodIdMapping(this::idOf));
    // What woven code does when its advice throws: Probe.lostCalls++, without calling anything.
    // The advice itself cannot fail; its calls into Probe can, and then it is a StackOverflowError
    // near the end of the stack, where a handler that called Probe.adviceFailed would overflow
    // again and the error would escape into the application.
    FieldDescription.InDefinedShape lost =
        new FieldDescription.ForLoadedField(Probe.class.getField("lostCalls"));
    Advice.ExceptionHandler countFailure =
        new Advice.ExceptionHandler.Simple(
            new StackManipulation.Compound(
                Removal.SINGLE,
                FieldAccess.forField(lost).read(),
                LongConstant.ONE,
                Addition.LONG,
                FieldAccess.forField(lost).write()));
    Advice timed = ids.to(TimedAdvice.class).withExceptionHandler(countFailure);
    Advice counted = ids.to(CountedAdvice.class).withExceptionHandler(countFailure);
    // Methods returning a future are timed until it completes (AsyncTimedAdvice), others here.
    Advice proxyTimed = ids.to(ProxyTimedAdvice.class).withExceptionHandler(countFailure);
    Advice asyncTimed = ids.to(AsyncTimedAdvice.class).withExceptionHandler(countFailure);
    LeanWeaver.Selector advice =
        new LeanWeaver.Selector() {
          @Override
          public boolean selectsAny(TypeDescription type) {
            return selector.selectsAny(type);
          }

          @Override
          public @Nullable Advice adviceFor(TypeDescription type, MethodDescription m) {
            if (isSelected(m, MethodKind.TIMED)) {
              if (asyncTiming && AsyncReturnTypes.isAsync(m)) {
                return asyncTimed;
              }
              return isProxy(type) ? proxyTimed : timed;
            }
            return isSelected(m, MethodKind.COUNTED) ? counted : null;
          }

          @Override
          public int recursionId(MethodDescription m, Advice a) {
            return recursionCopies && (a == timed || a == counted)
                ? idOf(m)
                : RecursionCopy.PLACEHOLDER;
          }
        };
    LeanWeaver lean =
        new LeanWeaver(
            withSpan,
            micrometer,
            annotationPatterns,
            advice,
            Advice.to(BootDelegationAdvice.class),
            LOAD_CLASS);
    return tooLarge.wrap(new Weaver(lean));
  }

  /**
   * {@link LeanWeaver} as a class-file transformer; a failure is one line, the class unmeasured.
   */
  private final class Weaver implements ClassFileTransformer {
    private final LeanWeaver lean;

    Weaver(LeanWeaver lean) {
      this.lean = lean;
    }

    @Override
    public byte @Nullable [] transform(
        @Nullable Module module,
        @Nullable ClassLoader loader,
        String className,
        @Nullable Class<?> classBeingRedefined,
        @Nullable ProtectionDomain protectionDomain,
        byte[] classfileBuffer) {
      try {
        return lean.weave(loader, classBeingRedefined, classfileBuffer);
      } catch (RuntimeException | Error failure) {
        failures.onError(className.replace('/', '.'), failure);
        throw failure; // TooLargeMethods weaves again without a method that came out too large
      }
    }
  }

  /**
   * {@code loadClass(String)} and {@code loadClass(String, boolean)}, where a loader has a body.
   */
  private static final ElementMatcher<MethodDescription> LOAD_CLASS =
      named("loadClass")
          .and(not(isAbstract()))
          .and(returns(Class.class))
          .and(takesArguments(String.class).or(takesArguments(String.class, boolean.class)));

  /** A JDK dynamic proxy ({@code jdk.proxy2.$Proxy12}): see {@link ProxyTimedAdvice}. */
  private static boolean isProxy(TypeDescription type) {
    return type.getName().contains("$Proxy");
  }

  /**
   * Whether the method gets the advice of {@code kind}: the kind its name was registered with,
   * which is the method's own unless another method of the same name came first.
   */
  private boolean isSelected(MethodDescription method, MethodKind kind) {
    if (tooLarge.isSkipped(method)) {
      return false;
    }
    Selection s = selector.select(method);
    if (s == null) {
      return false;
    }
    int id = register(s);
    return id != MethodRegistry.REJECTED && registry.kindOf(id) == kind;
  }

  private int idOf(MethodDescription method) {
    Selection s = selector.select(method);
    if (s == null) {
      throw new IllegalStateException("not a measured method: " + method);
    }
    return register(s);
  }

  private int register(Selection s) {
    int id = registry.register(s.functionName, s.kind, s.budget);
    if (id == MethodRegistry.REJECTED && capLogged.compareAndSet(false, true)) {
      AgentLog.warn(
          "perf.instrument.max-methods reached; further methods (first: "
              + s.functionName
              + ") run unmeasured");
    }
    return id;
  }

  /**
   * Logs weaving errors, one line per class (a global throttle would hide the next class that
   * fails), up to {@value #MAX_LOGGED} classes; such a class loads unmeasured. A method that came
   * out too large is {@link TooLargeMethods}' business instead.
   */
  private static final class FailureListener {
    private static final int MAX_LOGGED = 100;
    private final TooLargeMethods tooLarge;
    private final AtomicInteger logged = new AtomicInteger();

    FailureListener(TooLargeMethods tooLarge) {
      this.tooLarge = tooLarge;
    }

    void onError(String typeName, Throwable throwable) {
      if (tooLarge.onError(throwable)) {
        return; // woven again without that method
      }
      int n = logged.incrementAndGet();
      if (n <= MAX_LOGGED) {
        AgentLog.warn("could not instrument " + typeName + ", it runs unmeasured: " + throwable);
      }
      if (n == MAX_LOGGED) {
        AgentLog.warn("further classes that cannot be instrumented are not logged");
      }
    }
  }
}
