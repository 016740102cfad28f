package control;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A pool the application makes with no agent in mind: one busy thread and three queued tasks. */
public final class Pools {

  private static final CountDownLatch RELEASE = new CountDownLatch(1);
  private static ThreadPoolExecutor pool;

  private Pools() {}

  public static void make() {
    pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    for (int i = 0; i < 4; i++) {
      pool.execute(
          () -> {
            try {
              RELEASE.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
  }

  public static void release() {
    RELEASE.countDown();
    pool.shutdown();
  }
}
