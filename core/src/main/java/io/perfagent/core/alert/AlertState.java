package io.perfagent.core.alert;

import java.util.Locale;

/** Where an alert is in its lifecycle. */
public enum AlertState {
  /** The condition holds, but not yet for the rule's {@code for} duration. */
  PENDING,
  /** The condition has held for the rule's {@code for} duration; delivered. */
  FIRING,
  /**
   * It fired and the condition no longer holds (past the hysteresis margin), or its data stopped.
   */
  RESOLVED;

  /** {@code pending}, {@code firing}, {@code resolved}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
