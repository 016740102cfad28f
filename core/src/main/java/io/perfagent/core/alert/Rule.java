package io.perfagent.core.alert;

import io.perfagent.core.detect.Severity;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One alert rule: a type, a target pattern, a {@code for} duration, and how it judges the series it
 * matches. Rules of one type that could overlap form a group (see {@link #group()}): for each
 * series only the first matching rule of a group applies, so a specific rule in the rules file
 * overrides the defaults; {@code off} turns a group off for what it matches. Built by {@link
 * AlertRules}; rules keep per-series state (windows), so each engine owns its own instances.
 */
public abstract class Rule {

  private final String name;
  private final String type;
  private final Glob target;
  private final long forMillis;
  private final boolean off;
  private final String definition;

  Rule(String name, String type, Glob target, long forMillis, boolean off, String definition) {
    this.name = name;
    this.type = type;
    this.target = target;
    this.forMillis = forMillis;
    this.off = off;
    this.definition = definition;
  }

  /** Unique in a rule set: given with {@code name=}, else {@code type:target[:detail]}. */
  public String name() {
    return name;
  }

  /** {@code threshold}, {@code latency}, {@code errors}, {@code budget} or {@code anomaly}. */
  public String type() {
    return type;
  }

  /** The target pattern: a method pattern, indicator key, or series of anomalies. */
  public String target() {
    return target.toString();
  }

  /** How long the condition must hold before the alert fires (0: at once). */
  public long forMillis() {
    return forMillis;
  }

  /** Whether this rule only switches its group off for what it matches. */
  public boolean isOff() {
    return off;
  }

  /** The rule as written (or as the defaults write it). */
  public String definition() {
    return definition;
  }

  boolean matches(String series) {
    return target.matches(series);
  }

  /**
   * Rules with the same group compete for a series: the first match wins. Budgets are each their
   * own group: every matching budget applies.
   */
  String group() {
    return type;
  }

  /** Judges what it matches in {@code in}, emitting one signal per series through {@code ctx}. */
  abstract void evaluate(AlertInput in, Context ctx);

  /** What the engine offers a rule during one evaluation. */
  interface Context {
    /** Whether this rule is the one that applies to {@code series} (first match of its group). */
    boolean claims(String series);

    /** The severity of this rule's active alert on {@code series}, or {@code null}. */
    @Nullable Severity current(String series);

    /** The series this rule has an active (pending or firing) alert on. */
    Set<String> tracked();

    void emit(Signal signal);
  }

  /**
   * The severity a value deserves with hysteresis: entering a level needs the value above its
   * threshold, leaving it needs the value below {@code threshold × (1 − hysteresis)}.
   */
  static @Nullable Severity judge(
      double value,
      double warning,
      double critical,
      double hysteresis,
      @Nullable Severity current) {
    if (Double.isNaN(value)) {
      return null;
    }
    double keep = 1 - hysteresis;
    if (!Double.isNaN(critical)
        && (value > critical || (current == Severity.CRITICAL && value > critical * keep))) {
      return Severity.CRITICAL;
    }
    if (!Double.isNaN(warning)
        && (value > warning || (current != null && value > warning * keep))) {
      return Severity.WARNING;
    }
    if (Double.isNaN(warning)
        && !Double.isNaN(critical)
        && current != null
        && value > critical * keep) {
      return Severity.CRITICAL;
    }
    return null;
  }

  /** The evidence of one judgement, given the severity deserved (null: clear) and its threshold. */
  interface Evidence {
    String of(@Nullable Severity s, double threshold);
  }

  /**
   * Judges {@code value} on {@code series} with {@link #judge} and emits the signal, unless there
   * is nothing to start or end: then no evidence is written (it costs microseconds).
   */
  static void judgeAndEmit(
      Context ctx,
      String series,
      double value,
      double warning,
      double critical,
      double hysteresis,
      String unit,
      Evidence evidence) {
    Severity current = ctx.current(series);
    Severity s = judge(value, warning, critical, hysteresis, current);
    if (s == null && current == null) {
      return;
    }
    double threshold = thresholdOf(s == null ? Severity.WARNING : s, warning, critical);
    ctx.emit(new Signal(series, s, value, threshold, unit, evidence.of(s, threshold)));
  }

  /**
   * The end of an evidence sentence: {@code " (warning above 500 ms)"}, {@code " (back below …)"}.
   */
  static String crossing(@Nullable Severity s, String threshold) {
    return (s == null ? " (back below " : " (" + s.label() + " above ") + threshold + ")";
  }

  /** The threshold that a severity stands for. */
  static double thresholdOf(Severity s, double warning, double critical) {
    if (s == Severity.CRITICAL) {
      return critical;
    }
    return Double.isNaN(warning) ? critical : warning;
  }

  @Override
  public String toString() {
    return definition;
  }
}
