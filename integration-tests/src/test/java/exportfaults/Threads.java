package exportfaults;

import java.util.Set;
import java.util.TreeSet;

/**
 * Prints the live threads' names once perf-agent has started and exported at least once: {@code
 * THREADS a|b|c}. With {@code Threads <millis>} it first calls a measured method and waits that
 * long (several export intervals), so the export path has run.
 */
public final class Threads {

  private Threads() {}

  public static void main(String[] args) throws Exception {
    AfterStart.awaitAgentStarted(120_000);
    shop.OrderApp.main(new String[] {"5"});
    Thread.sleep(Long.parseLong(args[0]));
    Set<String> names = new TreeSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive()) {
        names.add(t.getName());
      }
    }
    System.out.println("THREADS " + String.join("|", names));
  }
}
