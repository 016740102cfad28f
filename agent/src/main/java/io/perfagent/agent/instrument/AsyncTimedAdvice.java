package io.perfagent.agent.instrument;

import io.perfagent.bootstrap.AsyncProbe;
import io.perfagent.bootstrap.Probe;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined, instead of {@link TimedAdvice}, into timed methods that return an asynchronous result
 * ({@link AsyncReturnTypes}): a call that throws is recorded at once, one that returns is recorded
 * when its result completes ({@link AsyncProbe}). Only {@link System}, {@link Probe} and {@link
 * AsyncProbe} are referenced: all are visible from every class loader.
 */
final class AsyncTimedAdvice {

  private AsyncTimedAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static long enter() {
    return System.nanoTime();
  }

  @Advice.OnMethodExit(
      onThrowable = Throwable.class,
      suppress = Throwable.class,
      backupArguments = false)
  static void exit(
      @MethodId int methodId,
      @Advice.Enter long startNanos,
      @Advice.Thrown Throwable thrown,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
    if (thrown != null) {
      Probe.timed(methodId, startNanos, thrown);
    } else {
      returned = AsyncProbe.timeUntilDone(methodId, startNanos, returned);
    }
  }
}
