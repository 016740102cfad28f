package faults;

import io.perfagent.annotation.Measured;

/**
 * A measured method that recurses until the stack overflows, {@code args[0]} times; it counts its
 * own calls and prints {@code RESULT calls=<n>}, the number the agent must account for.
 */
public final class Overflow {

  private static long calls;

  private Overflow() {}

  @Measured
  static int dive(int n) {
    calls++;
    return dive(n + 1) + 1;
  }

  public static void main(String[] args) {
    int overflows = 0;
    for (int i = 0; i < Integer.parseInt(args[0]); i++) {
      try {
        dive(0);
      } catch (StackOverflowError expected) {
        overflows++;
      }
    }
    System.out.println("RESULT overflows=" + overflows);
    System.out.println("RESULT calls=" + calls);
  }
}
