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
    }
  }

  /** The start of a call: see {@link DurationRecorder#enter}; counted methods are always timed. */
  long enter() {
    return durations != null ? durations.enter() : System.nanoTime();
  }

  /** A call that {@link #enter} did not time: counted, with its duration left out. */
  @SuppressWarnings("NullAway") // only a TIMED method is untimed: durations is set
  void untimed(@Nullable Throwable thrown) {
    if (thrown == null) {
      durations.recordUntimed();
    } else {
      errors.seriesFor(thrown).durations.recordUntimed();
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
          e -> out.add(MethodSeries.timed(functionName, e.errorType, e.durations.snapshot())));
    } else {
      long successes = calls.sum();
      if (successes > 0) {
        out.add(MethodSeries.counted(functionName, null, successes));
      }
      errors.forEach(e -> out.add(MethodSeries.counted(functionName, e.errorType, e.calls.sum())));
    }
  }
}
