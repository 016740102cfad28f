package example.workload;

/**
 * The small method body every per-call case runs: a 64-bit mix (a few nanoseconds), cheap enough
 * that the cost of measuring it shows, and data-dependent so that the JIT cannot fold it away.
 */
public final class Body {

  /** The exception the throwing path throws: preallocated, so throwing costs no allocation. */
  public static final WorkloadFailure FAILURE = new WorkloadFailure();

  private Body() {}

  /** The body. */
  public static long compute(long x) {
    long h = x * 0x9E3779B97F4A7C15L;
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    return h ^ (h >>> 32);
  }

  /**
   * The body, then a throw of {@link #FAILURE}. The result decides the throw, so the body cannot be
   * eliminated; {@code compute} never returns the sentinel for the inputs the benchmarks use.
   */
  public static long computeOrFail(long x) {
    long r = compute(x);
    if (r != 0x5EED_5EED_5EED_5EEDL) {
      throw FAILURE;
    }
    return r;
  }
}
