package io.perfagent.core.alert;

import io.perfagent.core.detect.Severity;
import io.perfagent.core.format.Units;
import io.perfagent.core.json.JsonWriter;

/**
 * One alert as it stands: one per rule and series at a time (de-duplicated), identified by {@code
 * rule:series:since}. Severity is {@code WARNING} or {@code CRITICAL}; values are in {@link
 * #unit()} (an OpenTelemetry unit: {@code s}, {@code By}, {@code 1} …). Immutable.
 */
public final class Alert {

  private final String id;
  private final String rule;
  private final String type;
  private final String series;
  private final AlertState state;
  private final Severity severity;
  private final double value;
  private final double threshold;
  private final String unit;
  private final long since;
  private final long firingSince;
  private final long resolvedAt;
  private final long updated;
  private final String evidence;

  Alert(
      String id,
      String rule,
      String type,
      String series,
      AlertState state,
      Severity severity,
      double value,
      double threshold,
      String unit,
      long since,
      long firingSince,
      long resolvedAt,
      long updated,
      String evidence) {
    this.id = id;
    this.rule = rule;
    this.type = type;
    this.series = series;
    this.state = state;
    this.severity = severity;
    this.value = value;
    this.threshold = threshold;
    this.unit = unit;
    this.since = since;
    this.firingSince = firingSince;
    this.resolvedAt = resolvedAt;
    this.updated = updated;
    this.evidence = evidence;
  }

  /** {@code rule:series:since}: stable for the alert's whole life, new for the next one. */
  public String id() {
    return id;
  }

  /** The rule's name, e.g. {@code latency:*:p99} or a name given in the rules file. */
  public String rule() {
    return rule;
  }

  /** {@code threshold}, {@code latency}, {@code errors}, {@code budget} or {@code anomaly}. */
  public String type() {
    return type;
  }

  /** The method name, indicator key, or {@code kind:series} of an anomaly. */
  public String series() {
    return series;
  }

  public AlertState state() {
    return state;
  }

  /** {@link Severity#WARNING} or {@link Severity#CRITICAL}. */
  public Severity severity() {
    return severity;
  }

  /** The value judged at the latest evaluation (for a resolve: the value that cleared it). */
  public double value() {
    return value;
  }

  /** The threshold crossed, in the unit of {@link #value()}; NaN when none applies. */
  public double threshold() {
    return threshold;
  }

  public String unit() {
    return unit;
  }

  /** Epoch ms when the condition started to hold (the pending start). */
  public long since() {
    return since;
  }

  /** Epoch ms when it fired; -1 while pending. */
  public long firingSince() {
    return firingSince;
  }

  /** Epoch ms when it resolved; -1 while active. */
  public long resolvedAt() {
    return resolvedAt;
  }

  /** Epoch ms of the latest evaluation that said something about it. */
  public long updated() {
    return updated;
  }

  /** One sentence with the numbers behind it. */
  public String evidence() {
    return evidence;
  }

  /** Writes the alert as one JSON object (the seed's {@code metric}, {@code level}, … included). */
  public JsonWriter write(JsonWriter w) {
    w.beginObject()
        .name("id")
        .value(id)
        .name("rule")
        .value(rule)
        .name("type")
        .value(type)
        .name("state")
        .value(state.label())
        .name("severity")
        .value(severity.name())
        .name("level")
        .value(severity.name())
        .name("metric")
        .value(series)
        .name("current_value")
        .value(value)
        .name("threshold")
        .value(threshold)
        .name("unit")
        .value(unit)
        .name("since")
        .value(since);
    if (firingSince >= 0) {
      w.name("firing_since").value(firingSince);
    }
    if (resolvedAt >= 0) {
      w.name("resolved_at").value(resolvedAt);
    }
    return w.name("timestamp")
        .value(updated)
        .name("description")
        .value(evidence)
        .name("evidence")
        .value(evidence)
        .endObject();
  }

  /** The alert as one JSON object. */
  public String toJson() {
    return write(new JsonWriter()).toString();
  }

  @Override
  public String toString() {
    return severity.name()
        + " "
        + rule
        + " on "
        + series
        + ": "
        + evidence
        + (Double.isNaN(threshold)
            ? ""
            : " [value "
                + Units.value(value, unit)
                + ", threshold "
                + Units.value(threshold, unit)
                + "]")
        + " (id "
        + id
        + ")";
  }
}
