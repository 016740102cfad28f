package io.perfagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;

import io.perfagent.bootstrap.ExecutorProbe;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;

/**
 * Weaves the constructors of {@code java.util.concurrent.ThreadPoolExecutor} (and so of its
 * subclasses) and {@code ForkJoinPool} to report each new pool to {@link ExecutorProbe}; both are
 * retransformed at once, so pools made from then on are found. Separate from the method
 * transformer: these are JDK classes, which that one never touches. {@link #remove} undoes it.
 */
public final class ExecutorWeaving {

  private final Instrumentation instrumentation;
  private final ResettableClassFileTransformer transformer;

  private ExecutorWeaving(Instrumentation instrumentation, ResettableClassFileTransformer t) {
    this.instrumentation = instrumentation;
    this.transformer = t;
  }

  /** Weaves and retransforms the two pool classes. */
  public static ExecutorWeaving install(Instrumentation instrumentation) {
    Advice created = Advice.to(CreatedAdvice.class);
    ResettableClassFileTransformer t =
        new AgentBuilder.Default()
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            // java.base must read the boot loader's unnamed module, where ExecutorProbe lives.
            .assureReadEdgeTo(instrumentation, ExecutorProbe.class)
            .ignore(none())
            .type(
                named("java.util.concurrent.ThreadPoolExecutor")
                    .or(named("java.util.concurrent.ForkJoinPool")))
            .transform(
                (builder, type, loader, module, domain) ->
                    builder.visit(created.on(isConstructor())))
            .installOn(instrumentation);
    return new ExecutorWeaving(instrumentation, t);
  }

  /** Restores the two classes' original code. */
  public void remove() {
    transformer.reset(instrumentation, AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
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
