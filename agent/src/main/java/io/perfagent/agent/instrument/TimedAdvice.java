package io.perfagent.agent.instrument;

import io.perfagent.bootstrap.Probe;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every timed method. Enter reads the clock; exit reports the id, the start and the
 * throwable (if any) to the bootstrap {@link Probe}, which reads the clock again and records. Only
 * {@link System} and {@link Probe} are referenced: both are visible from every class loader.
 */
final class TimedAdvice {

  private TimedAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static long enter() {
    return System.nanoTime();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @MethodId int methodId, @Advice.Enter long startNanos, @Advice.Thrown Throwable thrown) {
    Probe.timed(methodId, startNanos, thrown);
  }
}
