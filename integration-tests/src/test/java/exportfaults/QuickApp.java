package exportfaults;

import io.perfagent.annotation.Measured;

/**
 * A short-lived program for the exit tests: waits until perf-agent has started ({@link
 * AfterStart}), calls one measured method {@code calls} times over about {@code millis}
 * milliseconds, then prints {@code END <epoch millis>} as the last thing {@code main} does, so that
 * a test can tell how long the JVM took to exit after it — and not how long a start-up slowed by a
 * loaded machine took.
 *
 * <p>Usage: {@code QuickApp <calls> <millis>}.
 */
public final class QuickApp {

  private QuickApp() {}

  public static void main(String[] args) throws Exception {
    int calls = Integer.parseInt(args[0]);
    long millis = Long.parseLong(args[1]);
    System.out.println(
        "AGENT " + (AfterStart.awaitAgentStarted(120_000) ? "started" : "still starting"));
    long sum = 0;
    for (int i = 0; i < calls; i++) {
      sum += step(i);
      if (millis > 0) {
        Thread.sleep(Math.max(1, millis / calls));
      }
    }
    System.out.println("RESULT sum=" + sum);
    System.out.println("END " + System.currentTimeMillis());
  }

  @Measured
  static int step(int i) {
    return i * 2;
  }
}
