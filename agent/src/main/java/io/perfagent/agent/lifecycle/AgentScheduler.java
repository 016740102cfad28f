package io.perfagent.agent.lifecycle;

import io.perfagent.agent.log.AgentLog;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The agent's one background thread, {@code perf-agent}: every periodic task of every component
 * runs on it, so a feature adds work, not threads. A task that throws is logged (at most once a
 * minute per task) and keeps its schedule; nothing a task does can reach the application.
 */
public final class AgentScheduler implements AutoCloseable {

  /** The name of the scheduler's thread. */
  public static final String THREAD_NAME = "perf-agent";

  private final ScheduledThreadPoolExecutor executor;

  public AgentScheduler() {
    executor = new ScheduledThreadPoolExecutor(1, new Daemon());
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  /**
   * Runs {@code task} every {@code periodMillis}, the first time after one period.
   *
   * @param name names the task in log lines
   */
  public ScheduledFuture<?> every(String name, long periodMillis, Runnable task) {
    try {
      return executor.scheduleAtFixedRate(
          new Guarded(name, task), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      return notScheduled(name);
    }
  }

  /** Runs {@code task} once, after {@code delayMillis}. */
  public ScheduledFuture<?> after(String name, long delayMillis, Runnable task) {
    try {
      return executor.schedule(new Guarded(name, task), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      return notScheduled(name);
    }
  }

  /** Runs {@code task} once, as soon as the thread is free. */
  public void execute(String name, Runnable task) {
    try {
      executor.execute(new Guarded(name, task));
    } catch (RejectedExecutionException closed) {
      notScheduled(name);
    }
  }

  /**
   * The scheduler was closed first: a process that exits while the agent is still starting closes
   * it under the start-up thread, whose late components must then simply not run.
   */
  private static ScheduledFuture<?> notScheduled(String name) {
    AgentLog.debug("not scheduled, the agent is stopping: " + name);
    FutureTask<Void> never = new FutureTask<>(() -> null);
    never.cancel(false);
    return new Cancelled(never);
  }

  /** A task that never ran: cancelled, no delay. */
  private static final class Cancelled implements ScheduledFuture<Void> {
    private final FutureTask<Void> task;

    Cancelled(FutureTask<Void> task) {
      this.task = task;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return task.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
      return true;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Void get() throws InterruptedException, ExecutionException {
      return task.get();
    }

    @Override
    public Void get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return task.get(timeout, unit);
    }
  }

  /**
   * The thread as an executor, for a library that schedules work of its own (the OpenTelemetry
   * SDK's metric reader) and so needs no thread of its own. Callers cancel their own tasks and
   * never shut it down; tasks must catch what they throw, a periodic one stops at its first throw.
   */
  public ScheduledExecutorService executor() {
    return executor;
  }

  /** Whether the calling thread is the scheduler's. */
  public static boolean onSchedulerThread() {
    return THREAD_NAME.equals(Thread.currentThread().getName());
  }

  /**
   * Stops the thread; a task running now is interrupted (an export waiting for the Collector must
   * not hold the exit; the final export makes up for it), none starts. Waits up to {@code millis}.
   */
  public void close(long millis) {
    executor.shutdownNow();
    try {
      executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(1_000);
  }

  private static final class Daemon implements ThreadFactory {
    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, THREAD_NAME);
      t.setDaemon(true);
      return t;
    }
  }

  /** A task that never lets a throwable end its schedule. */
  private static final class Guarded implements Runnable {
    private final String name;
    private final Runnable task;

    Guarded(String name, Runnable task) {
      this.name = name;
      this.task = task;
    }

    @Override
    public void run() {
      try {
        task.run();
      } catch (Throwable failure) {
        AgentLog.warnThrottled("task-" + name, name + " failed, retrying next time: " + failure);
      }
    }
  }
}
