package io.perfagent.agent.record;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The failed-call series of one method, one per exception class name, at most {@link #MAX_TYPES};
 * further types share the series {@value #OVERFLOW_TYPE} so that a method that throws many kinds of
 * exception cannot blow up cardinality.
 *
 * <p>Lock-free; a series is allocated once, the first time its type is seen, and then found by a
 * linear scan of at most {@link #MAX_TYPES} references. {@link Class#getName()} is cached by the
 * JVM, so the common case compares two identical string references.
 */
final class ErrorTable {

  static final int MAX_TYPES = 8;
  static final String OVERFLOW_TYPE = "_OTHER";

  private final MethodKind kind;
  private final AtomicReferenceArray<ErrorSeries> series = new AtomicReferenceArray<>(MAX_TYPES);
  private volatile @Nullable ErrorSeries overflow;

  ErrorTable(MethodKind kind) {
    this.kind = kind;
  }

  ErrorSeries seriesFor(Throwable thrown) {
    String type = thrown.getClass().getName();
    for (int i = 0; i < MAX_TYPES; i++) {
      ErrorSeries s = series.get(i);
      if (s == null) {
        ErrorSeries fresh = new ErrorSeries(type, kind);
        if (series.compareAndSet(i, null, fresh)) {
          return fresh;
        }
        s = series.get(i);
      }
      if (s.errorType == type || s.errorType.equals(type)) {
        return s;
      }
    }
    return overflow();
  }

  private ErrorSeries overflow() {
    ErrorSeries s = overflow;
    if (s == null) {
      synchronized (this) {
        s = overflow;
        if (s == null) {
          s = new ErrorSeries(OVERFLOW_TYPE, kind);
          overflow = s;
        }
      }
    }
    return s;
  }

  /** Calls {@code visitor} for every series created so far, overflow last. */
  void forEach(java.util.function.Consumer<ErrorSeries> visitor) {
    for (int i = 0; i < MAX_TYPES; i++) {
      ErrorSeries s = series.get(i);
      if (s == null) {
        break;
      }
      visitor.accept(s);
    }
    ErrorSeries s = overflow;
    if (s != null) {
      visitor.accept(s);
    }
  }
}
