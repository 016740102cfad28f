package io.perfagent.bootstrap;

import org.jspecify.annotations.Nullable;

/**
 * Receives what woven methods report. The agent installs one implementation through {@link
 * Probe#install}; until then {@link #NOOP} drops everything.
 *
 * <p>Implementations are called on application threads, concurrently, on every measured call: they
 * must be lock-free, allocation-free and must not block. They may throw; {@link Probe} catches and
 * counts it so that the application never sees it.
 */
public interface ProbeSink {

  /** Drops every report; in force before the agent starts and after it is switched off. */
  ProbeSink NOOP =
      new ProbeSink() {
        @Override
        public void timed(int methodId, long durationNanos, @Nullable Throwable thrown) {}

        @Override
        public void counted(int methodId, @Nullable Throwable thrown) {}
      };

  /**
   * One call of a timed method ends: the clock reading that ends it, or {@link Probe#UNTIMED} when
   * it is only to be counted (durations sampled). By default every call is timed.
   *
   * @param methodId the id bound into the method at transform time
   */
  default long enter(int methodId) {
    return System.nanoTime();
  }

  /**
   * One call of a timed method ended that {@link #enter} chose not to time: it counts, with no
   * duration. By default recorded as a counted call.
   *
   * @param methodId the id bound into the method at transform time
   * @param thrown what the call threw, or {@code null} when it returned normally
   */
  default void untimed(int methodId, @Nullable Throwable thrown) {
    counted(methodId, thrown);
  }

  /**
   * A nested call of a method that calls itself ended (see {@link Probe#nested}): it counts, and
   * its duration is that of the outermost call it ran in. By default recorded as a counted call.
   *
   * @param methodId the id bound into the method at transform time
   * @param thrown what the call threw, or {@code null} when it returned normally
   */
  default void nested(int methodId, @Nullable Throwable thrown) {
    counted(methodId, thrown);
  }

  /**
   * One call of a timed method ended.
   *
   * @param methodId the id bound into the method at transform time
   * @param durationNanos wall-clock duration of the call, never negative
   * @param thrown what the call threw, or {@code null} when it returned normally
   */
  void timed(int methodId, long durationNanos, @Nullable Throwable thrown);

  /**
   * One call of a counted (untimed) method ended.
   *
   * @param methodId the id bound into the method at transform time
   * @param thrown what the call threw, or {@code null} when it returned normally
   */
  void counted(int methodId, @Nullable Throwable thrown);
}
