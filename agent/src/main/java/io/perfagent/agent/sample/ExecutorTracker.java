package io.perfagent.agent.sample;

import io.perfagent.agent.lifecycle.AgentScheduler;
import io.perfagent.agent.lifecycle.Component;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.api.PerfMetrics;
import io.perfagent.bootstrap.ExecutorProbe;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The application's thread pools, found as they are constructed ({@link
 * io.perfagent.bootstrap.ExecutorProbe}), each sampled every sample interval: queue size, active
 * threads and completed tasks per second, as gauges {@code executor.<name>.queue.size}, {@code
 * .active}, {@code .completed.rate}, which are exported, analysed and shown like every application
 * gauge.
 *
 * <p>Pools are held weakly: none is kept alive, and a pool that is gone reads as 0 until another
 * pool made at the same place takes its name. A pool is named after where it was made (the first
 * frame outside the JDK: {@code OrderService.init}), a second one alive from the same place gets
 * {@code -2}. At most {@value #MAX_POOLS} pools are tracked at once; further ones cost one line.
 */
public final class ExecutorTracker implements Consumer<Object>, Component {

  static final int MAX_POOLS = 64;

  private final List<Tracked> pools = new ArrayList<>();
  private long intervalMillis;
  private @Nullable AgentScheduler scheduler;
  private boolean capLogged;
  private @Nullable ScheduledFuture<?> task;

  /**
   * @param intervalMillis how often the pools are sampled (the resource sample interval)
   */
  public ExecutorTracker(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  @Override
  public String name() {
    return "executor sampling";
  }

  /** Receives new pools from now on, and samples every interval. */
  @Override
  public synchronized void start(AgentScheduler scheduler) {
    ExecutorProbe.install(this);
    add(ForkJoinPool.commonPool(), "ForkJoinPool.commonPool");
    sample();
    this.scheduler = scheduler;
    task = scheduler.every("executor sampling", intervalMillis, this::sample);
  }

  /** Samples every {@code millis} from now on (a configuration reload). */
  public synchronized void reschedule(long millis) {
    AgentScheduler s = scheduler;
    if (millis == intervalMillis || s == null) {
      return;
    }
    if (task != null) {
      task.cancel(false);
    }
    intervalMillis = millis;
    task = s.every("executor sampling", millis, this::sample);
  }

  @Override
  public synchronized void close() {
    ExecutorProbe.install(null);
    if (task != null) {
      task.cancel(false);
    }
  }

  /** Takes a new pool (called on the application's thread that made it). */
  @Override
  public void accept(Object pool) {
    if (!(pool instanceof ThreadPoolExecutor) && !(pool instanceof ForkJoinPool)) {
      return;
    }
    String site = creationSite();
    if (site == null) {
      return; // the agent's own, or made by the JDK for itself
    }
    add(pool, site);
  }

  /** Adds a pool under a name derived from {@code site}. */
  synchronized void add(Object pool, String site) {
    Set<String> taken = new HashSet<>();
    Tracked reusable = null;
    for (Tracked t : pools) {
      Object p = t.pool.get();
      if (p == pool) {
        return; // a delegating constructor reports twice
      }
      if (p == null && reusable == null && t.name.equals(sanitize(site))) {
        reusable = t;
      }
      if (p != null) {
        taken.add(t.name);
      }
    }
    if (reusable != null) {
      reusable.reset(pool);
      return;
    }
    pools.removeIf(t -> t.pool.get() == null && !t.registered);
    if (pools.size() >= MAX_POOLS) {
      if (!capLogged) {
        capLogged = true;
        AgentLog.warn(
            "more than "
                + MAX_POOLS
                + " thread pools alive; pools made from now on at "
                + site
                + " and elsewhere are not sampled");
      }
      return;
    }
    String base = sanitize(site);
    String name = base;
    for (int n = 2; taken.contains(name); n++) {
      name = base + "-" + n;
    }
    Tracked t = new Tracked(name, pool);
    pools.add(t);
    t.register();
  }

  /** Samples every pool; on the scheduler thread, every sample interval. */
  public synchronized void sample() {
    long now = System.nanoTime();
    for (Tracked t : pools) {
      t.sample(now);
    }
  }

  /** How many pools are tracked now (alive). */
  public synchronized int size() {
    int n = 0;
    for (Tracked t : pools) {
      if (t.pool.get() != null) {
        n++;
      }
    }
    return n;
  }

  private static @Nullable String creationSite() {
    StackTraceElement[] stack = new Throwable().getStackTrace();
    for (StackTraceElement e : stack) {
      String c = e.getClassName();
      if (c.startsWith("io.perfagent.")) {
        if (c.startsWith("io.perfagent.bootstrap.")
            || c.startsWith("io.perfagent.agent.sample.ExecutorTracker")) {
          continue;
        }
        return null; // the agent's own scheduler or a library it carries
      }
      if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
        continue;
      }
      String simple = c.substring(c.lastIndexOf('.') + 1);
      return simple + "." + (e.getMethodName().equals("<init>") ? "new" : e.getMethodName());
    }
    return null;
  }

  /** A metric-name-safe form: letters, digits, {@code _ - $→_}. */
  static String sanitize(String site) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < site.length(); i++) {
      char c = site.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || c == '.';
      s.append(ok ? c : '_');
    }
    return s.toString();
  }

  /** One pool's gauges and last sample. */
  private static final class Tracked {
    final String name;
    volatile WeakReference<Object> pool;
    volatile double queue;
    volatile double active;
    volatile double rate;
    long lastCompleted = -1;
    long lastNanos;
    boolean registered;

    Tracked(String name, Object pool) {
      this.name = name;
      this.pool = new WeakReference<>(pool);
    }

    void reset(Object newPool) {
      pool = new WeakReference<>(newPool);
      lastCompleted = -1;
    }

    void register() {
      try {
        String prefix = "executor." + name;
        PerfMetrics.gauge(prefix + ".queue.size", "{task}", () -> queue);
        PerfMetrics.gauge(prefix + ".active", "{thread}", () -> active);
        PerfMetrics.gauge(prefix + ".completed.rate", "{task}/s", () -> rate);
        registered = true;
      } catch (IllegalArgumentException badName) {
        AgentLog.warnThrottled(
            "executor-name", "thread pool " + name + " is not sampled: " + badName.getMessage());
      }
    }

    void sample(long now) {
      Object p = pool.get();
      if (p == null) {
        queue = 0;
        active = 0;
        rate = 0;
        return;
      }
      long completed;
      if (p instanceof ThreadPoolExecutor) {
        ThreadPoolExecutor e = (ThreadPoolExecutor) p;
        queue = e.getQueue().size();
        active = e.getActiveCount();
        completed = e.getCompletedTaskCount();
      } else {
        ForkJoinPool f = (ForkJoinPool) p;
        queue = f.getQueuedSubmissionCount() + f.getQueuedTaskCount();
        active = f.getActiveThreadCount();
        completed = -1; // a ForkJoinPool does not count completed tasks
      }
      if (completed >= 0 && lastCompleted >= 0 && now > lastNanos) {
        rate = (completed - lastCompleted) / ((now - lastNanos) / 1e9);
      }
      lastCompleted = completed;
      lastNanos = now;
    }
  }
}
