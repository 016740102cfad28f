package io.perfagent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The static facade that advice woven into application methods calls. It lives on the bootstrap
 * class path so that every class loader, including child-first ones, resolves the same class.
 *
 * <p>Guarantees: no method here throws, allocates or blocks. A failure of the installed sink, or of
 * the advice itself (reported through {@link #adviceFailed}), is counted and kept for the agent to
 * log, never propagated to the application.
 *
 * <p>The entry points are never inlined into woven methods (the JDK's {@code
 * jdk.internal.vm.annotation.DontInline}, honoured because this class is the boot loader's; a
 * stand-in of it is compiled against). Inlined, the recording path would become part of every
 * measured method's compiled frame, and a measured recursion would run out of stack much sooner;
 * kept out, a woven frame holds little more than the start time. (Figures: BENCHMARKS.md.)
 *
 * <p><b>Internal:</b> public only because woven code in every class loader must reach it; not an
 * API for applications, and it may change in any release.
 */
public final class Probe {

  /**
   * Measured calls that could not be reported: woven code adds one here itself, with no method
   * call, when its own call into this class failed. In practice that is a {@link
   * StackOverflowError} in the few frames nearest the end of an exhausted stack, where not even one
   * more call fits. A plain {@code ++} on a volatile, so concurrent losses may undercount; the path
   * is rare and must not call anything.
   */
  public static volatile long lostCalls;

  /**
   * What {@link ProbeSink#enter} returns for a call whose duration is not sampled (the overhead
   * governor times 1 call in N of a very hot method): the call is counted without reading the clock
   * again or touching the histogram. {@link System#nanoTime()} returning exactly this value is not
   * a concern.
   */
  public static final long UNTIMED = Long.MIN_VALUE;

  private static volatile ProbeSink sink = ProbeSink.NOOP;
  private static final AtomicLong failures = new AtomicLong();
  private static volatile @Nullable Throwable firstFailure;

  private Probe() {}

  /**
   * Records the end of a timed call that started at {@code startNanos} (a {@link System#nanoTime()}
   * reading). A start of {@code 0} means the enter advice did not run (it was suppressed), so there
   * is no duration to record. The sink reads the clock that ends the call, or answers {@link
   * #UNTIMED} when this method's durations are sampled and this call is not one of them: then the
   * call is only counted.
   */
  @jdk.internal.vm.annotation.DontInline // the JDK's own; see the class comment
  public static void timed(int methodId, long startNanos, @Nullable Throwable thrown) {
    long end;
    try {
      // A call that threw is always timed: the governor samples only the success histogram,
      // whose last timed call an untimed one copies.
      end = thrown == null ? sink.enter(methodId) : System.nanoTime();
      if (end == UNTIMED) {
        sink.untimed(methodId, thrown);
        return;
      }
    } catch (Throwable failure) {
      lost(failure);
      return;
    }
    if (startNanos == 0L) {
      return;
    }
    try {
      sink.timed(methodId, Math.max(0L, end - startNanos), thrown);
    } catch (Throwable failure) {
      lost(failure);
    }
  }

  /** Records the end of a counted call. */
  @jdk.internal.vm.annotation.DontInline // the JDK's own; see the class comment
  public static void counted(int methodId, @Nullable Throwable thrown) {
    try {
      sink.counted(methodId, thrown);
    } catch (Throwable failure) {
      lost(failure);
    }
  }

  /**
   * Records the end of a nested call of a measured method that calls itself: woven code gives such
   * a method a copy for its recursion, whose frames hold no start time (see the agent's {@code
   * RecursionCopy}). Counted exactly; its duration is that of the outermost call it ran in. The
   * variants that take a result return it, so that the copy keeps nothing live across the call.
   */
  @jdk.internal.vm.annotation.DontInline // the JDK's own; see the class comment
  public static void nested(int methodId) {
    reportNested(methodId, null);
  }

  /** {@link #nested(int)} for an {@code int}-like result, returned. */
  @jdk.internal.vm.annotation.DontInline // the JDK's own; see the class comment
  public static int nestedInt(int result, int methodId) {
    reportNested(methodId, null);
    return result;
  }

  /** {@link #nested(int)} for a {@code long} result, returned. */
  @jdk.internal.vm.annotation.DontInline // the JDK's own; see the class comment
  public static long nestedLong(long result, int methodId) {
    reportNested(methodId, null);
    return result;
  }

  /** {@link #nested(int)} for a {@code float} result, returned. */
  @jdk.internal.vm.annotation.DontInline // the JDK's own; see the class comment
  public static float nestedFloat(float result, int methodId) {
    reportNested(methodId, null);
    return result;
  }

  /** {@link #nested(int)} for a {@code double} result, returned. */
  @jdk.internal.vm.annotation.DontInline // the JDK's own; see the class comment
  public static double nestedDouble(double result, int methodId) {
    reportNested(methodId, null);
    return result;
  }

  /** {@link #nested(int)} for a reference result, returned. */
  @jdk.internal.vm.annotation.DontInline // the JDK's own; see the class comment
  public static @Nullable Object nestedObject(@Nullable Object result, int methodId) {
    reportNested(methodId, null);
    return result;
  }

  /** Records the end of a nested call (see {@link #nested}) that threw; returns the throwable. */
  @jdk.internal.vm.annotation.DontInline // the JDK's own; see the class comment
  public static Throwable nestedThrew(Throwable thrown, int methodId) {
    reportNested(methodId, thrown);
    return thrown;
  }

  private static void reportNested(int methodId, @Nullable Throwable thrown) {
    try {
      sink.nested(methodId, thrown);
    } catch (Throwable failure) {
      lost(failure);
    }
  }

  /** A report the sink failed to take: the call is lost, and the failure kept for the log. */
  private static void lost(Throwable failure) {
    lostCalls++;
    if (failure instanceof StackOverflowError) {
      return; // the count says it all; no failure to diagnose, and no stack to keep one
    }
    try {
      adviceFailed(failure);
    } catch (Throwable noStackLeft) {
      // Counted above; a StackOverflowError here must not reach the woven method's handler,
      // which would count the call a second time.
    }
  }

  /**
   * Counts a throwable raised inside advice or the sink. Woven code calls this from its exception
   * handler; it must never throw itself.
   */
  @jdk.internal.vm.annotation.DontInline // the JDK's own; see the class comment
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
  public static @Nullable Throwable firstFailure() {
    return firstFailure;
  }

  /**
   * Installs the sink that receives every report from now on; {@code null} means no-op.
   *
   * <p><b>Internal:</b> for the agent only; an application that calls it breaks the measurement.
   */
  public static void install(@Nullable ProbeSink newSink) {
    sink = newSink == null ? ProbeSink.NOOP : newSink;
  }
}
