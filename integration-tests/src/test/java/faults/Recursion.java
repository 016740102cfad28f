package faults;

import io.perfagent.annotation.Measured;

/**
 * How deep a measured recursion gets before the stack overflows: {@code Recursion warm|cold} prints
 * {@code RESULT depth=<n>}, the largest depth (within 0.2 %) that returned. {@code warm} first runs
 * the method until the JIT has compiled it; {@code cold} searches at once.
 */
public final class Recursion {

  private Recursion() {}

  @Measured
  static int rec(int n) {
    return n == 0 ? 0 : rec(n - 1) + 1;
  }

  public static void main(String[] args) {
    if (args[0].equals("warm")) {
      for (int i = 0; i < 20_000; i++) {
        rec(50);
      }
    }
    System.out.println("RESULT depth=" + maxDepth());
  }

  private static int maxDepth() {
    int reached = 0;
    int failed = 1000;
    while (returns(failed)) {
      reached = failed;
      failed *= 2;
    }
    while (failed - reached > reached / 500 + 1) {
      int mid = (reached + failed) >>> 1;
      if (returns(mid)) {
        reached = mid;
      } else {
        failed = mid;
      }
    }
    return reached;
  }

  private static boolean returns(int depth) {
    try {
      return rec(depth) == depth;
    } catch (StackOverflowError tooDeep) {
      return false;
    }
  }
}
