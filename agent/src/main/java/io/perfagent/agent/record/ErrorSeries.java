package io.perfagent.agent.record;

import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/** The failed calls of one method with one {@code error.type}. */
final class ErrorSeries {

  /** The exception's class name; a name, not the class, so no class loader is ever pinned. */
  final String errorType;

  /** Durations of the failed calls; {@code null} for a counted method. */
  final @Nullable DurationRecorder durations;

  /** Failed calls of a counted method; {@code null} for a timed one. */
  final @Nullable LongAdder calls;

  ErrorSeries(String errorType, MethodKind kind) {
    this.errorType = errorType;
    this.durations = kind == MethodKind.TIMED ? new DurationRecorder() : null;
    this.calls = kind == MethodKind.COUNTED ? new LongAdder() : null;
  }
}
