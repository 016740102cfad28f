package shop;

import io.perfagent.annotation.Measured;

/**
 * A service that stays up: calls one measured method ({@code place}) exactly the given number of
 * times, prints {@code CALLS shop.ServingApp.place=n} and {@code READY}, then keeps running —
 * calling {@code tick} every 10 ms on a daemon thread, so every analysis cycle has a method — until
 * its standard input closes or gives a line other than {@code slow}, {@code fast} or {@code leak}
 * ({@code slow} makes every later tick take 20 ms, spent in {@code checkout}, and call {@code
 * lookup} too: an injected degradation; {@code fast} ends it; {@code leak} makes every tick keep 32
 * KB for good, with a full GC every 100 ticks: an injected heap leak). Usage: {@code ServingApp
 * <calls>}.
 */
public final class ServingApp {

  private static long placed;
  private static volatile boolean slow;
  private static volatile boolean leak;
  private static final java.util.List<byte[]> LEAKED = new java.util.ArrayList<>();

  private ServingApp() {}

  public static void main(String[] args) throws Exception {
    int calls = Integer.parseInt(args[0]);
    for (int i = 0; i < calls; i++) {
      place(i);
    }
    System.out.println("CALLS shop.ServingApp.place=" + placed);
    Thread ticker = new Thread(ServingApp::tickForever, "ticker");
    ticker.setDaemon(true);
    ticker.start();
    System.out.println("READY");
    System.out.flush();
    java.io.BufferedReader in =
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
    String line;
    while ((line = in.readLine()) != null
        && (line.equals("slow") || line.equals("fast") || line.equals("leak"))) {
      if (line.equals("leak")) {
        leak = true; // an injected leak: every tick keeps 32 KB
      } else {
        slow = line.equals("slow"); // an injected degradation: tick takes 20 ms from now on
      }
    }
    System.out.println("BYE");
  }

  private static void tickForever() {
    try {
      while (true) {
        tick();
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Measured(budget = "p99<10ms") // an SLO: slow ticks burn it (AlertsTest)
  static void tick() throws InterruptedException {
    if (slow) {
      checkout();
      lookup();
    }
    if (leak) {
      LEAKED.add(new byte[32 << 10]);
      if (LEAKED.size() % 100 == 0) {
        System.gc(); // so that heap-after-GC is measured every second, not when the heap is full
      }
    }
  }

  /** Custom-named, with a budget that the slow ticks break (AlertsTest). */
  @Measured(value = "shop.checkout", budget = "p95<5ms")
  static void checkout() throws InterruptedException {
    Thread.sleep(20);
  }

  /** Custom-named, with a budget that it keeps (AlertsTest): no alert. */
  @Measured(value = "shop.lookup", budget = "p95<1s")
  static int lookup() {
    return LEAKED.size();
  }

  @Measured
  static int place(int x) {
    placed++;
    return x * 31 + 7;
  }
}
