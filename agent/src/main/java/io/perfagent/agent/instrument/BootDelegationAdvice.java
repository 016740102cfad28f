package io.perfagent.agent.instrument;

import net.bytebuddy.asm.Advice;
import org.jspecify.annotations.Nullable;

/**
 * Inlined into the {@code loadClass} methods of every class loader the application defines: the
 * packages woven code and applications must share with the agent ({@code io.perfagent.bootstrap},
 * {@code .api}, {@code .annotation}) always come from the boot loader, where the agent put them.
 * Without it, a child-first loader (a web application's, in Tomcat or Jetty) that finds its own
 * copy of the annotations jar in {@code WEB-INF/lib} would give its classes a second {@code Probe}
 * and {@code PerfMetrics} that no agent listens to. The OpenTelemetry agent does the same.
 *
 * <p>Only JDK types are referenced: the advice runs inside the loader's class, which may not see
 * any of ours.
 */
final class BootDelegationAdvice {

  private BootDelegationAdvice() {}

  /** The boot loader's class for a shared name, which skips the loader's own lookup; else null. */
  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static @Nullable Class<?> enter(@Advice.Argument(0) String name) throws ClassNotFoundException {
    if (name != null
        && name.startsWith("io.perfagent.")
        && (name.startsWith("io.perfagent.bootstrap.")
            || name.startsWith("io.perfagent.api.")
            || name.startsWith("io.perfagent.annotation."))) {
      // A ClassNotFoundException is suppressed: the loader then looks the name up as it would.
      return Class.forName(name, false, null);
    }
    return null;
  }

  @Advice.OnMethodExit(suppress = Throwable.class, backupArguments = false)
  static void exit(
      @Advice.Enter Class<?> fromBootLoader, @Advice.Return(readOnly = false) Class<?> loaded) {
    if (fromBootLoader != null) {
      loaded = fromBootLoader;
    }
  }
}
