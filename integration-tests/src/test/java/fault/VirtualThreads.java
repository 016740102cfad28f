package fault;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code VirtualThreads <n>}: runs {@link Work#step} once on each of {@code n} virtual threads (JDK
 * 21+; found by reflection because this code compiles for 17), each parking once before the call so
 * that the carriers are shared, and prints the checksum.
 */
public final class VirtualThreads {
  private VirtualThreads() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    Method perTask = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    AtomicLong sum = new AtomicLong();
    ExecutorService executor = (ExecutorService) perTask.invoke(null);
    try {
      List<Future<?>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long arg = i;
        futures.add(
            executor.submit(
                () -> {
                  Thread.sleep(1);
                  sum.addAndGet(Work.step(arg));
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      executor.shutdown();
    }
    System.out.println("RESULT calls=" + n + " sum=" + sum.get());
    System.out.println("DONE");
  }
}
