package io.perfagent.agent.instrument;

import io.perfagent.bootstrap.Probe;
import net.bytebuddy.asm.Advice;

/** Inlined into every counted method: exit only, no clock. */
final class CountedAdvice {

  private CountedAdvice() {}

  // backupArguments = false: see TimedAdvice.
  @Advice.OnMethodExit(
      onThrowable = Throwable.class,
      suppress = Throwable.class,
      backupArguments = false)
  static void exit(@MethodId int methodId, @Advice.Thrown Throwable thrown) {
    Probe.counted(methodId, thrown);
  }
}
