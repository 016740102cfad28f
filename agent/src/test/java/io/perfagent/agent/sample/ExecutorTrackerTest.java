package io.perfagent.agent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.api.Gauge;
import io.perfagent.api.Instrument;
import io.perfagent.api.PerfMetrics;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Thread pools sampled as gauges and never kept alive. (Finding them as they are made needs the
 * probe on the boot class path, as in a real start: see the black-box ExecutorsTest.)
 */
class ExecutorTrackerTest {

  @Test
  void pool_isSampled_queueActiveAndCompletedRate() throws Exception {
    ExecutorTracker tracker = new ExecutorTracker(1000);
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    try {
      tracker.add(pool, "Orders.sampled");
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(1);
      pool.execute(
          () -> {
            started.countDown();
            await(release);
          });
      pool.execute(() -> {});
      pool.execute(() -> {});
      started.await();
      tracker.sample();
      assertThat(gauge("executor.Orders.sampled.queue.size")).isEqualTo(2);
      assertThat(gauge("executor.Orders.sampled.active")).isEqualTo(1);
      release.countDown();
      while (pool.getCompletedTaskCount() < 3) {
        Thread.sleep(5);
      }
      tracker.sample();
      assertThat(gauge("executor.Orders.sampled.queue.size")).isZero();
      assertThat(gauge("executor.Orders.sampled.completed.rate")).isGreaterThan(0);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twoPoolsFromOnePlace_getDistinctNames_andOneReportedTwiceIsTrackedOnce() {
    ExecutorTracker tracker = new ExecutorTracker(1000);
    ThreadPoolExecutor a =
        new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    ThreadPoolExecutor b =
        new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    try {
      tracker.add(a, "Twice.made");
      tracker.add(a, "Twice.made");
      tracker.add(b, "Twice.made");
      assertThat(tracker.size()).isEqualTo(2);
      assertThat(PerfMetrics.registered())
          .extracting(Instrument::name)
          .contains("executor.Twice.made.queue.size", "executor.Twice.made-2.queue.size");
    } finally {
      a.shutdownNow();
      b.shutdownNow();
    }
  }

  @Test
  void poolThatIsGone_isNotKeptAlive_andReadsZero() throws Exception {
    ExecutorTracker tracker = new ExecutorTracker(1000);
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(0, 1, 1, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
    tracker.add(pool, "Short.lived");
    pool.shutdown();
    java.lang.ref.WeakReference<Object> ref = new java.lang.ref.WeakReference<>(pool);
    pool = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(ref.get()).as("the tracker holds the pool weakly").isNull();
    tracker.sample();
    assertThat(tracker.size()).isZero();
    assertThat(gauge("executor.Short.lived.queue.size")).isZero();
  }

  private static double gauge(String name) {
    for (Instrument i : PerfMetrics.registered()) {
      if (i.name().equals(name)) {
        return ((Gauge) i).value();
      }
    }
    throw new AssertionError("no gauge " + name);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
