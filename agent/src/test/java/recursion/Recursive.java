package recursion;

import io.perfagent.annotation.Counted;
import io.perfagent.annotation.Measured;
import java.util.List;
import java.util.function.IntUnaryOperator;

/** Measured methods that call themselves, in the shapes a recursion copy must keep working. */
public final class Recursive {

  /** The method: nothing but recursion. */
  @Measured
  public static int rec(int n) {
    return n == 0 ? 0 : rec(n - 1) + 1;
  }

  /** The same, unmeasured: the depth to compare with. */
  public static int plain(int n) {
    return n == 0 ? 0 : plain(n - 1) + 1;
  }

  /** A long result (two marker slots), long locals past the parameters and a loop. */
  @Measured
  public static long sumTo(long n) {
    if (n <= 0) {
      return 0;
    }
    long local = 0;
    for (int i = 0; i < 2; i++) {
      local += i;
    }
    return n + local + sumTo(n - 1) - 1;
  }

  /** A double result. */
  @Measured
  public static double halve(double x, int times) {
    return times == 0 ? x : halve(x / 2, times - 1);
  }

  /** No result; an instance method of a final class; a parameter written to. */
  @Measured
  public void countdown(int n, int[] box) {
    box[0]++;
    n--;
    if (n > 0) {
      countdown(n, box);
    }
  }

  /** Throws at the bottom; every frame on the way up fails with it. */
  @Measured
  public static int failAt(int n) {
    if (n == 0) {
      throw new IllegalStateException("bottom");
    }
    return failAt(n - 1) + 1;
  }

  /**
   * Catches a nested failure halfway and returns normally: the frames below fail, the ones above
   * succeed.
   */
  @Measured
  public static int recoverAt(int n, int failBelow) {
    if (n == 0) {
      throw new IllegalArgumentException("bottom");
    }
    if (n == failBelow) {
      try {
        return recoverAt(n - 1, failBelow);
      } catch (IllegalArgumentException caught) {
        return -1;
      }
    }
    return recoverAt(n - 1, failBelow);
  }

  /** A private instance method with a lambda and a switch. */
  @Measured
  private int walk(int n) {
    IntUnaryOperator twice = x -> 2 * x;
    switch (n) {
      case 0:
        return 0;
      case 1:
        return twice.applyAsInt(1);
      default:
        return walk(n - 1) + walk(n - 2) - twice.applyAsInt(0);
    }
  }

  public int callWalk(int n) {
    return walk(n);
  }

  /** Synchronized and recursive: the monitor is re-entered by the copy. */
  @Measured
  public synchronized int locked(int n) {
    return n == 0 ? 0 : locked(n - 1) + 1;
  }

  /** Counted, not timed: nested calls count directly. */
  @Counted
  public static int counted(int n) {
    return n == 0 ? 0 : counted(n - 1) + 1;
  }

  /** Returns an object, built at the bottom. */
  @Measured
  public static StringBuilder build(int n) {
    return n == 0 ? new StringBuilder() : build(n - 1).append('x');
  }

  /** Returns from inside a try with a finally: javac copies the finally before each return. */
  @Measured
  public static int guarded(int n, int[] finallies) {
    try {
      if (n == 0) {
        return 0;
      }
      return guarded(n - 1, finallies) + 1;
    } finally {
      finallies[0]++;
    }
  }

  /** A generic result, erased to its bound: the copy's result is cast back. */
  @Measured
  public static <T extends Comparable<T>> T max(List<T> items, int from) {
    if (from == items.size() - 1) {
      return items.get(from);
    }
    T rest = max(items, from + 1);
    return items.get(from).compareTo(rest) >= 0 ? items.get(from) : rest;
  }
}
