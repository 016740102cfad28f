package io.perfagent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The static facade that advice woven into application methods calls. It lives on the bootstrap
 * class path so that every class loader, including child-first ones, resolves the same class.
 *
 * <p>Guarantees: no method here throws, allocates or blocks. A failure of the installed sink, or
 * of the advice itself (reported through {@link #adviceFailed}), is counted and kept for the agent
 * to log, never propagated to the application.
 */
public final class Probe {

  private static volatile ProbeSink sink = ProbeSink.NOOP;
  private static final AtomicLong failures = new AtomicLong();
  private static volatile Throwable firstFailure;

  private Probe() {}

  /**
   * Records the end of a timed call that started at {@code startNanos} (a {@link
   * System#nanoTime()} reading). A start of {@code 0} means the enter advice did not run (it was
   * suppressed), so there is no duration to record.
   */
  public static void timed(int methodId, long startNanos, Throwable thrown) {
    long end = System.nanoTime();
    if (startNanos == 0L) {
      return;
    }
    try {
      sink.timed(methodId, Math.max(0L, end - startNanos), thrown);
    } catch (Throwable failure) {
      adviceFailed(failure);
    }
  }

  /** Records the end of a counted call. */
  public static void counted(int methodId, Throwable thrown) {
    try {
      sink.counted(methodId, thrown);
    } catch (Throwable failure) {
      adviceFailed(failure);
    }
  }

  /**
   * Counts a throwable raised inside advice or the sink. Woven code calls this from its exception
   * handler; it must never throw itself.
   */
  public static void adviceFailed(Throwable failure) {
    if (failures.getAndIncrement() == 0L) {
      firstFailure = failure;
    }
  }

  /** How many throwables advice and sink raised and this class swallowed since start. */
  public static long failureCount() {
    return failures.get();
  }

  /** The first swallowed throwable, or {@code null}; kept so that the agent can log one line. */
  public static Throwable firstFailure() {
    return firstFailure;
  }

  /** Installs the sink that receives every report from now on; {@code null} means no-op. */
  public static void install(ProbeSink newSink) {
    sink = newSink == null ? ProbeSink.NOOP : newSink;
  }
}
