package io.perfagent.core.model;

/** The bucket layout of {@code jvm.gc.duration}: the semantic conventions' advice. */
public final class GcPauses {

  /** Upper bucket boundaries in seconds (0.01, 0.1, 1, 10). */
  private static final double[] BOUNDARIES = {0.01, 0.1, 1, 10};

  /** How many boundaries there are. */
  public static final int BOUNDARY_COUNT = BOUNDARIES.length;

  private GcPauses() {}

  /** A copy of the boundaries, in seconds. */
  public static double[] boundariesSeconds() {
    return BOUNDARIES.clone();
  }

  /** The bucket of a pause of {@code seconds}: the first boundary it does not exceed. */
  public static int bucketOf(double seconds) {
    int bucket = 0;
    while (bucket < BOUNDARIES.length && seconds > BOUNDARIES[bucket]) {
      bucket++;
    }
    return bucket;
  }
}
