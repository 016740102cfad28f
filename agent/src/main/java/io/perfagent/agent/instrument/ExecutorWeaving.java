package io.perfagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.bootstrap.ExecutorProbe;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.pool.TypePool;
import org.jspecify.annotations.Nullable;

/**
 * Weaves the constructors of {@code java.util.concurrent.ThreadPoolExecutor} (and so of its
 * subclasses) and {@code ForkJoinPool} to report each new pool to {@link ExecutorProbe}; both are
 * retransformed at once, so pools made from then on are found. Separate from the method
 * transformer: these are JDK classes, which that one never touches. {@link #remove} undoes it.
 *
 * <p>A plain transformer over Byte Buddy's {@link Advice}, like {@link LeanWeaver}: Byte Buddy's
 * agent builder is not in the agent jar.
 */
public final class ExecutorWeaving {

  private static final Set<Class<?>> POOLS = Set.of(ThreadPoolExecutor.class, ForkJoinPool.class);

  private final Instrumentation instrumentation;
  private final ClassFileTransformer transformer;

  private ExecutorWeaving(Instrumentation instrumentation, ClassFileTransformer t) {
    this.instrumentation = instrumentation;
    this.transformer = t;
  }

  /** Weaves and retransforms the two pool classes. */
  public static ExecutorWeaving install(Instrumentation instrumentation) {
    // java.base must read the boot loader's unnamed module, where ExecutorProbe lives.
    Module base = ThreadPoolExecutor.class.getModule();
    Module probe = ExecutorProbe.class.getModule();
    if (!base.canRead(probe)) {
      instrumentation.redefineModule(base, Set.of(probe), Map.of(), Map.of(), Set.of(), Map.of());
    }
    ClassFileTransformer t = new PoolConstructors(Advice.to(CreatedAdvice.class));
    instrumentation.addTransformer(t, true);
    retransform(instrumentation);
    return new ExecutorWeaving(instrumentation, t);
  }

  /** Restores the two classes' original code. */
  public void remove() {
    instrumentation.removeTransformer(transformer);
    retransform(instrumentation);
  }

  private static void retransform(Instrumentation instrumentation) {
    for (Class<?> pool : POOLS) {
      try {
        instrumentation.retransformClasses(pool);
      } catch (Throwable failure) {
        AgentLog.warnThrottled(
            "executors", "could not retransform " + pool.getName() + ": " + failure);
      }
    }
  }

  /** Weaves {@link CreatedAdvice} into the constructors of the two pool classes, nothing else. */
  private static final class PoolConstructors implements ClassFileTransformer {
    private final Advice created;
    private final ByteBuddy byteBuddy = new ByteBuddy().with(TypeValidation.DISABLED);

    PoolConstructors(Advice created) {
      this.created = created;
    }

    @Override
    public byte @Nullable [] transform(
        @Nullable ClassLoader loader,
        String className,
        @Nullable Class<?> classBeingRedefined,
        @Nullable ProtectionDomain protectionDomain,
        byte[] classfileBuffer) {
      if (classBeingRedefined == null || !POOLS.contains(classBeingRedefined)) {
        return null;
      }
      try {
        return byteBuddy
            .decorate(
                TypeDescription.ForLoadedType.of(classBeingRedefined),
                ClassFileLocator.Simple.of(classBeingRedefined.getName(), classfileBuffer))
            .visit(created.on(isConstructor()))
            .make(TypePool.Empty.INSTANCE)
            .getBytes();
      } catch (Throwable failure) {
        AgentLog.warnThrottled(
            "executors", "could not weave " + className + ", pools go unfound: " + failure);
        return null;
      }
    }
  }

  /** Inlined at the end of every pool constructor. */
  static final class CreatedAdvice {
    private CreatedAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object pool) {
      ExecutorProbe.created(pool);
    }
  }
}
