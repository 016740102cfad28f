package exportfaults;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another application's {@code main} once perf-agent has started (its start-up thread {@code
 * perf-agent-init} is gone, at most two minutes), and says so with {@code AGENT started}: on a
 * loaded machine the agent's background start-up can outlast a short application, and these tests
 * are about what happens after it.
 *
 * <p>Usage: {@code AfterStart <main class> [args...]}.
 */
public final class AfterStart {

  private AfterStart() {}

  public static void main(String[] args) throws Exception {
    System.out.println("AGENT " + (awaitAgentStarted(120_000) ? "started" : "still starting"));
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  /** Whether perf-agent's start-up thread ended within {@code timeoutMillis}. */
  static boolean awaitAgentStarted(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      boolean starting = false;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        starting |= t.getName().equals("perf-agent-init");
      }
      if (!starting) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
