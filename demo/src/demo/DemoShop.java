package demo;

import io.perfagent.annotation.Counted;
import io.perfagent.annotation.Measured;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A toy shop under load for the README's first command: a few annotated methods with different
 * latencies and failure rates, called by two worker threads for the given number of seconds.
 */
public final class DemoShop {

  private DemoShop() {}

  public static void main(String[] args) throws InterruptedException {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    Runnable customer =
        () -> {
          Catalog catalog = new Catalog();
          Checkout checkout = new Checkout();
          while (System.nanoTime() < end) {
            catalog.search("lamp");
            try {
              checkout.place(ThreadLocalRandom.current().nextInt(100));
            } catch (IllegalStateException declined) {
              // part of the demo: about one order in ten is declined
            }
          }
        };
    Thread a = new Thread(customer, "customer-1");
    Thread b = new Thread(customer, "customer-2");
    a.start();
    b.start();
    System.out.println("demo shop open for " + seconds + " s; perf-agent measures every call");
    a.join();
    b.join();
    System.out.println("demo shop closed");
  }

  /** Fast lookups: microseconds. */
  static final class Catalog {
    @Measured
    int search(String term) {
      int hash = 0;
      for (int i = 0; i < 200; i++) {
        hash = 31 * hash + term.hashCode() + i;
      }
      return hash;
    }
  }

  /** Slow, sometimes failing, orders: milliseconds. */
  static final class Checkout {
    @Measured
    long place(int basket) {
      sleep(2 + basket % 5);
      if (basket % 10 == 0) {
        throw new IllegalStateException("card declined");
      }
      audit(basket);
      return basket * 100L;
    }

    @Counted
    void audit(int basket) {}

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
