package io.perfagent.api;

/**
 * One alert transition delivered to {@link AlertListener}s: it fired, changed severity, or
 * resolved. Values are in {@link #unit()} (an OpenTelemetry unit such as {@code s}, {@code By} or
 * {@code 1}); times are epoch milliseconds. Immutable.
 */
public final class AlertEvent {

  private final String id;
  private final String rule;
  private final String metric;
  private final String state;
  private final String severity;
  private final double value;
  private final double threshold;
  private final String unit;
  private final long since;
  private final long timestamp;
  private final String evidence;

  /** Made by the agent; public so that tests of an application's listener can make one too. */
  public AlertEvent(
      String id,
      String rule,
      String metric,
      String state,
      String severity,
      double value,
      double threshold,
      String unit,
      long since,
      long timestamp,
      String evidence) {
    this.id = id;
    this.rule = rule;
    this.metric = metric;
    this.state = state;
    this.severity = severity;
    this.value = value;
    this.threshold = threshold;
    this.unit = unit;
    this.since = since;
    this.timestamp = timestamp;
    this.evidence = evidence;
  }

  /** Stable over the alert's life: {@code rule:metric:since}. */
  public String id() {
    return id;
  }

  public String rule() {
    return rule;
  }

  /** The method name, indicator key, or {@code kind:series} of an anomaly. */
  public String metric() {
    return metric;
  }

  /** {@code firing} or {@code resolved}. */
  public String state() {
    return state;
  }

  /** {@code WARNING} or {@code CRITICAL}. */
  public String severity() {
    return severity;
  }

  public double value() {
    return value;
  }

  /** The threshold crossed; NaN when none applies. */
  public double threshold() {
    return threshold;
  }

  public String unit() {
    return unit;
  }

  /** When the condition started to hold. */
  public long since() {
    return since;
  }

  /** When this transition happened. */
  public long timestamp() {
    return timestamp;
  }

  /** One sentence with the numbers behind it. */
  public String evidence() {
    return evidence;
  }

  @Override
  public String toString() {
    return state + " " + severity + " " + rule + " on " + metric + ": " + evidence;
  }
}
