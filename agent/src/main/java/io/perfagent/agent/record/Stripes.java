package io.perfagent.agent.record;

/**
 * Picks the stripe a thread records into. Threads keep their stripe for life, so an uncontended
 * thread always hits the same cache lines, and Fibonacci hashing of the sequential thread ids puts
 * threads started one after another on different stripes.
 */
final class Stripes {

  /** Twice the processors, as a power of two (at least 2, at most 64). */
  static final int COUNT = count(Runtime.getRuntime().availableProcessors());

  private static final int SHIFT = 64 - Integer.numberOfTrailingZeros(COUNT);
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Stripes() {}

  @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() is the same number.
  static int index() {
    return (int) ((Thread.currentThread().getId() * GOLDEN) >>> SHIFT);
  }

  static int count(int processors) {
    int wanted = Math.max(2, Math.min(64, 2 * processors));
    return Integer.highestOneBit(wanted - 1) << 1;
  }
}
