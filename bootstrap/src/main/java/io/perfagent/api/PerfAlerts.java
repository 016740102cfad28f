package io.perfagent.api;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alert listener registry. Works with or without the agent: without it, listeners are kept and
 * never called. Listeners see every transition the agent delivers after they are added.
 */
public final class PerfAlerts {

  private static final CopyOnWriteArrayList<AlertListener> LISTENERS = new CopyOnWriteArrayList<>();
  private static final AtomicLong FAILURES = new AtomicLong();

  private PerfAlerts() {}

  /** Adds a listener (adding the same one twice has no effect). */
  public static void addListener(AlertListener listener) {
    if (listener == null) {
      throw new IllegalArgumentException("listener must not be null");
    }
    LISTENERS.addIfAbsent(listener);
  }

  /** Removes a listener; false when it was not added. */
  public static boolean removeListener(AlertListener listener) {
    return LISTENERS.remove(listener);
  }

  /**
   * Delivers one event to every listener. A listener that throws does not stop the others: its
   * failure is counted in {@link #listenerFailures()}.
   *
   * <p><b>Internal:</b> public only so that the agent, in another package and class loader, can
   * deliver its alerts; not part of the API, and may change in any release.
   */
  public static void publish(AlertEvent event) {
    for (AlertListener l : LISTENERS) {
      try {
        l.onAlert(event);
      } catch (Throwable failure) {
        FAILURES.incrementAndGet();
      }
    }
  }

  /** Listener calls that threw, since start. */
  public static long listenerFailures() {
    return FAILURES.get();
  }

  /** How many listeners are registered. */
  public static int listenerCount() {
    return LISTENERS.size();
  }
}
