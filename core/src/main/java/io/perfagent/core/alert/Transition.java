package io.perfagent.core.alert;

import java.util.Locale;

/** One change of one alert, as the engine reports it after an evaluation. Immutable. */
public final class Transition {

  /** What changed. */
  public enum Kind {
    /** The condition started to hold; not delivered (only logged at debug). */
    PENDING,
    /** It held for the rule's {@code for} duration: delivered. */
    FIRING,
    /** A firing alert changed severity (warning ↔ critical): delivered. */
    SEVERITY_CHANGED,
    /** A firing alert stopped: delivered. */
    RESOLVED,
    /** A pending alert stopped before it fired: not delivered. */
    CANCELLED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;
  private final Alert alert;

  Transition(Kind kind, Alert alert) {
    this.kind = kind;
    this.alert = alert;
  }

  public Kind kind() {
    return kind;
  }

  /** The alert as it is after the change. */
  public Alert alert() {
    return alert;
  }

  /** Whether this goes to the webhook and listeners: firing, severity change, resolve. */
  public boolean delivered() {
    return kind == Kind.FIRING || kind == Kind.SEVERITY_CHANGED || kind == Kind.RESOLVED;
  }

  @Override
  public String toString() {
    return kind.label() + " " + alert;
  }
}
