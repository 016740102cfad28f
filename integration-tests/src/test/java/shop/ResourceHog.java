package shop;

import java.util.concurrent.CountDownLatch;

/**
 * Allocates 200 MB (touching every page), runs one full GC and starts 50 waiting threads, holds it
 * all for a few seconds so the agent samples and exports it, then lets go and exits.
 */
public final class ResourceHog {

  private ResourceHog() {}

  public static void main(String[] args) throws Exception {
    long holdMillis = args.length > 0 ? Long.parseLong(args[0]) : 3000;
    byte[][] memory = new byte[200][];
    for (int i = 0; i < memory.length; i++) {
      memory[i] = new byte[1 << 20];
      java.util.Arrays.fill(memory[i], (byte) i);
    }
    CountDownLatch release = new CountDownLatch(1);
    Thread[] threads = new Thread[50];
    for (int i = 0; i < threads.length; i++) {
      threads[i] =
          new Thread(
              () -> {
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "hog-" + i);
      threads[i].start();
    }
    System.out.println("HOLDING 200 MB and 50 threads");
    Thread.sleep(holdMillis / 2);
    // One collection for sure, once the agent (started in the background) listens for them: its
    // scheduler thread exists only after the GC listener is subscribed. A loaded machine may
    // take seconds to get there.
    awaitThread("perf-agent", 30_000);
    System.gc();
    Thread.sleep(holdMillis / 2);
    release.countDown();
    for (Thread t : threads) {
      t.join();
    }
    long check = 0;
    for (byte[] m : memory) {
      check += m[0];
    }
    System.out.println("DONE " + check);
  }

  private static void awaitThread(String name, long timeoutMillis) throws InterruptedException {
    long until = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < until) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().equals(name)) {
          return;
        }
      }
      Thread.sleep(50);
    }
  }
}
