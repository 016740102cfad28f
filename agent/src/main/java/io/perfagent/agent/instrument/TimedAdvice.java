package io.perfagent.agent.instrument;

import io.perfagent.bootstrap.Probe;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every timed method. Enter reads the clock (through the probe, which may decide not
 * to: durations of very hot methods are sampled, see {@code OverheadGovernor}); exit reports the id, the start and the
 * throwable (if any) to the bootstrap {@link Probe}, which reads the clock again and records. Only
 * {@link System} and {@link Probe} are referenced: both are visible from every class loader.
 */
final class TimedAdvice {

  private TimedAdvice() {}

  /** The clock, or {@link Probe#UNTIMED} when the overhead governor samples this method. */
  @Advice.OnMethodEnter(suppress = Throwable.class)
  static long enter(@MethodId int methodId) {
    return Probe.enter(methodId);
  }

  // No copy of the arguments (backupArguments): the exit reads none, and each copy is one more
  // local in every frame of a measured recursion.
  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class, backupArguments = false)
  static void exit(
      @MethodId int methodId, @Advice.Enter long startNanos, @Advice.Thrown Throwable thrown) {
    Probe.timed(methodId, startNanos, thrown);
  }
}
