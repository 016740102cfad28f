package control;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;

/**
 * An application driven line by line on standard input, for attach, detach and reload tests: {@code
 * a N} / {@code b N} call {@link Work#a} / {@link Work#b} N times and print {@code a N -> sum};
 * {@code pool} makes a thread pool with three queued tasks, {@code release} lets them run; {@code
 * stats} prints {@code STATS classes=… threads=…} (after a GC, for leak checks); end of input ends
 * it. It has no annotation: what is measured comes from configuration only.
 */
public final class ControlApp {

  private ControlApp() {}

  public static void main(String[] args) throws Exception {
    Work work = new Work();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    System.out.println("READY");
    System.out.flush();
    String line;
    while ((line = in.readLine()) != null) {
      String[] parts = line.trim().split(" ");
      if (parts[0].equals("stats")) {
        System.gc();
        System.out.println(
            "STATS classes="
                + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount()
                + " threads="
                + ManagementFactory.getThreadMXBean().getThreadCount());
      } else if (parts[0].equals("pool")) {
        Pools.make();
        System.out.println("POOL");
      } else if (parts[0].equals("release")) {
        Pools.release();
        System.out.println("RELEASED");
      } else if (parts[0].equals("a") || parts[0].equals("b")) {
        int n = Integer.parseInt(parts[1]);
        long sum = 0;
        for (int i = 0; i < n; i++) {
          sum += parts[0].equals("a") ? work.a(i) : work.b(i);
        }
        System.out.println(parts[0] + " " + n + " -> " + sum);
      }
      System.out.flush();
    }
    System.out.println("BYE");
  }
}
