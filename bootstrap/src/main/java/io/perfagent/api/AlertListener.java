package io.perfagent.api;

/**
 * Receives alert transitions (fired, severity changed, resolved) in the application's own code:
 *
 * <pre>{@code
 * PerfAlerts.addListener(e -> {
 *   if (e.severity().equals("CRITICAL") && e.state().equals("firing")) {
 *     loadShedder.engage(e.metric());
 *   }
 * });
 * }</pre>
 *
 * <p>Called on the agent's analysis thread, one transition at a time: return quickly and hand long
 * work to your own executor. An exception it throws is counted and ignored.
 */
@FunctionalInterface
public interface AlertListener {

  void onAlert(AlertEvent event);
}
