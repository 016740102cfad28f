package fault;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * A service loop for the fault suite: {@code Worker <calls> <pauseMicros> [lingerMillis]} calls
 * {@link Work#step} that many times with a pause between calls, prints {@code RESULT calls=N sum=S}
 * and {@code DONE}, then stays up {@code lingerMillis} (as a service does between requests) before
 * it exits. It prints {@code STARTED} once the first call returned, and {@code PROGRESS n} every 1
 * 000 calls.
 *
 * <p>On {@code SIGTERM} it stops the loop after the call in progress, prints {@code STOPPED calls=N
 * sum=S} and then exits with status 143, running the shutdown hooks: a graceful shutdown whose
 * number of completed calls is known exactly.
 */
public final class Worker {

  private static volatile boolean stopping;
  private static final CountDownLatch stopped = new CountDownLatch(1);
  private static long done; // written by the loop, read after the latch
  private static long sum;

  private Worker() {}

  public static void main(String[] args) throws Exception {
    long calls = Long.parseLong(args[0]);
    long pauseMicros = args.length > 1 ? Long.parseLong(args[1]) : 0;
    long lingerMillis = args.length > 2 ? Long.parseLong(args[2]) : 0;
    Signal.handle(new Signal("TERM"), Worker::stopThenExit);

    long started = System.nanoTime();
    for (long i = 0; i < calls && !stopping; i++) {
      sum += Work.step(i);
      done = i + 1;
      if (i == 0) {
        System.out.println("STARTED");
      }
      if (done % 1000 == 0) {
        System.out.println("PROGRESS " + done);
      }
      if (pauseMicros > 0) {
        TimeUnit.MICROSECONDS.sleep(pauseMicros);
      }
    }
    if (stopping) {
      stopped.countDown();
      Thread.sleep(Long.MAX_VALUE); // the signal handler ends the process
    }
    System.out.println("RESULT calls=" + done + " sum=" + sum);
    System.out.println("ELAPSED_MS " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    System.out.println("DONE");
    System.out.flush();
    Thread.sleep(lingerMillis);
  }

  /** The {@code sum} printed after {@code calls} calls: the sum of 2i+1 for i below calls. */
  public static long expectedSum(long calls) {
    return calls * calls;
  }

  private static void stopThenExit(Signal signal) {
    stopping = true;
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.out.println("STOPPED calls=" + done + " sum=" + sum);
    System.out.flush();
    System.exit(143);
  }
}
