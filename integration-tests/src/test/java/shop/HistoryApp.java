package shop;

import io.perfagent.annotation.Counted;
import io.perfagent.annotation.Measured;

/**
 * Calls two measured methods and one counted method in a loop for a given time, then prints how
 * many calls each got as {@code CALLS name=n}, so a test can compare them with the history the
 * agent wrote. Usage: {@code HistoryApp <millis>}.
 */
public final class HistoryApp {

  private static long quick;
  private static long slow;
  private static long counted;

  private HistoryApp() {}

  public static void main(String[] args) throws Exception {
    long until = System.currentTimeMillis() + Long.parseLong(args[0]);
    int i = 0;
    while (System.currentTimeMillis() < until) {
      quick(i);
      if (i % 10 == 0) {
        slow();
      }
      if (i % 3 == 0) {
        tick();
      }
      i++;
      if (i % 50 == 0) {
        Thread.sleep(1);
      }
    }
    System.out.println("CALLS shop.HistoryApp.quick=" + quick);
    System.out.println("CALLS shop.HistoryApp.slow=" + slow);
    System.out.println("CALLS shop.HistoryApp.tick=" + counted);
  }

  @Measured
  static int quick(int x) {
    quick++;
    return x * 31 + 7;
  }

  @Measured
  static void slow() throws InterruptedException {
    slow++;
    Thread.sleep(0, 200_000);
  }

  @Counted
  static void tick() {
    counted++;
  }
}
