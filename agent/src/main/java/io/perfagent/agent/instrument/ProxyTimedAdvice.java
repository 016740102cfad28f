package io.perfagent.agent.instrument;

import io.perfagent.bootstrap.Probe;
import net.bytebuddy.asm.Advice;

/**
 * {@link TimedAdvice} for the methods of JDK dynamic proxies, with the arguments backed up (Byte
 * Buddy's default): a proxy's generated code reuses an argument's local slot for the exception it
 * wraps, which the frames of advice without the backup would not verify against.
 */
final class ProxyTimedAdvice {

  private ProxyTimedAdvice() {}

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
