package io.perfagent.agent.record;

import io.perfagent.core.model.DurationSnapshot;
import io.perfagent.core.model.MethodSeries;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/** Everything recorded for one measured method: successful calls and failed calls by type. */
final class MethodRecorder {

  final String functionName;
  final MethodKind kind;
  private final @Nullable DurationRecorder durations;
  private final @Nullable LongAdder calls;
  private final ErrorTable errors;

  MethodRecorder(String functionName, MethodKind kind) {
    this.functionName = functionName;
    this.kind = kind;
    this.durations = kind == MethodKind.TIMED ? new DurationRecorder() : null;
    this.calls = kind == MethodKind.COUNTED ? new LongAdder() : null;
    this.errors = new ErrorTable(kind);
  }

  @SuppressWarnings("NullAway") // the kind decides: durations when TIMED, calls when COUNTED
  void timed(long nanos, @Nullable Throwable thrown) {
    if (thrown == null) {
      durations.record(nanos);
    } else {
      errors.seriesFor(thrown).durations.record(nanos);
      durations.settleNested(nanos); // nested calls that returned, inside one that threw
    }
    if (nestedErrors) {
      settleNestedErrors(nanos);
    }
  }

  /**
   * Set once a nested call of this method failed: from then on, the end of each outermost call
   * settles the nested failures waiting on its stripe too (an error table holds a few types).
   */
  private volatile boolean nestedErrors;

  /**
   * A nested call of this method (it calls itself; see {@link DurationRecorder#recordNested})
   * ended: counted when its outermost call ends, with that call's duration.
   */
  @SuppressWarnings("NullAway") // the kind decides: durations when TIMED, calls when COUNTED
  void nested(@Nullable Throwable thrown) {
    if (kind == MethodKind.COUNTED) {
      counted(thrown);
    } else if (thrown == null) {
      durations.recordNested();
    } else {
      errors.seriesFor(thrown).durations.recordNested();
      nestedErrors = true;
    }
  }

  @SuppressWarnings("NullAway") // only a TIMED method has nested failures waiting
  private void settleNestedErrors(long nanos) {
    errors.forEach(e -> e.durations.settleNested(nanos));
  }

  /** The start of a call: see {@link DurationRecorder#enter}; counted methods are always timed. */
  long enter() {
    return durations != null ? durations.enter() : System.nanoTime();
  }

  /** A call that {@link #enter} did not time: counted, with its duration left out. */
  @SuppressWarnings("NullAway") // only a TIMED method is untimed: durations is set
  void untimed(@Nullable Throwable thrown) {
    long nanos;
    if (thrown == null) {
      nanos = durations.recordUntimed();
    } else {
      nanos = errors.seriesFor(thrown).durations.recordUntimed();
      durations.settleNested(nanos);
    }
    if (nestedErrors) {
      settleNestedErrors(nanos);
    }
  }

  /** The success histogram the governor samples, or {@code null} for a counted method. */
  @Nullable DurationRecorder durations() {
    return durations;
  }

  @SuppressWarnings("NullAway") // the kind decides: durations when TIMED, calls when COUNTED
  void counted(@Nullable Throwable thrown) {
    if (thrown == null) {
      calls.increment();
    } else {
      errors.seriesFor(thrown).calls.increment();
    }
  }

  /** Adds a series for every outcome that has been seen at least once. */
  @SuppressWarnings("NullAway") // the kind decides: durations when TIMED, calls when COUNTED
  void collectInto(List<MethodSeries> out) {
    if (kind == MethodKind.TIMED) {
      DurationSnapshot ok = durations.isEmpty() ? null : durations.snapshot();
      if (ok != null && ok.count() > 0) { // a stripe exists once a call ended, even a failed one
        out.add(
            MethodSeries.timed(functionName, null, ok)
                .withSamplingInterval(durations.samplingInterval()));
      }
      errors.forEach(
          e -> {
            DurationSnapshot failed = e.durations.snapshot();
            if (failed.count() > 0) { // nested failures alone wait for their outermost call
              out.add(MethodSeries.timed(functionName, e.errorType, failed));
            }
          });
    } else {
      long successes = calls.sum();
      if (successes > 0) {
        out.add(MethodSeries.counted(functionName, null, successes));
      }
      errors.forEach(e -> out.add(MethodSeries.counted(functionName, e.errorType, e.calls.sum())));
    }
  }
}
