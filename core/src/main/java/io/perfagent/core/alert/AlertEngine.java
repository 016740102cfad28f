package io.perfagent.core.alert;

import io.perfagent.core.detect.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates the rules after each analysis cycle and keeps every alert's lifecycle: a condition that
 * starts to hold makes a pending alert; one that held for the rule's {@code for} duration fires;
 * one that clears (past the rule's hysteresis margin) resolves, and one whose series sends no data
 * for {@code staleMillis} resolves too. One alert per rule and series at a time: repeated
 * evaluations update it and report nothing new unless its severity changes.
 *
 * <p>Bounded: at most {@code maxActive} alerts are active (more are counted in {@link
 * #suppressed()}), the latest {@code recentCapacity} resolved ones are kept. A rule that throws
 * costs only itself (counted in {@link #ruleFailures()}). Thread-safe: evaluation and reads are
 * synchronized; readers get immutable snapshots.
 */
public final class AlertEngine {

  /** Default: a series silent this long resolves its alert. */
  public static final long DEFAULT_STALE_MILLIS = 10 * 60_000;

  private final List<Rule> rules = new ArrayList<>();
  private final long staleMillis;
  private final int maxActive;
  private final int recentCapacity;
  private final Map<String, Tracked> active = new LinkedHashMap<>();
  private final ArrayDeque<Alert> recent = new ArrayDeque<>();

  /** group|series → the rule that applies (first match); cleared when rules change. */
  private final Map<String, Rule> claims = new HashMap<>();

  private long suppressed;
  private long ruleFailures;
  private @Nullable String firstRuleFailure;
  private final Map<String, Long> fired = new TreeMap<>();

  public AlertEngine(List<Rule> rules, long staleMillis, int maxActive, int recentCapacity) {
    this.rules.addAll(rules);
    this.staleMillis = staleMillis;
    this.maxActive = maxActive;
    this.recentCapacity = recentCapacity;
  }

  /** An engine over {@code rules} with the default limits (1000 active, 100 recent). */
  public static AlertEngine of(List<Rule> rules) {
    return new AlertEngine(rules, DEFAULT_STALE_MILLIS, 1000, 100);
  }

  /** Adds a rule (a budget declared by an annotation, found at run time), after the others. */
  public synchronized void add(Rule rule) {
    for (Rule r : rules) {
      if (r.name().equals(rule.name())) {
        return;
      }
    }
    rules.add(rule);
    claims.clear();
  }

  public synchronized List<Rule> rules() {
    return Collections.unmodifiableList(new ArrayList<>(rules));
  }

  /** Evaluates every rule against {@code in}; returns the transitions, in rule order. */
  public synchronized List<Transition> evaluate(AlertInput in) {
    long now = in.epochMillis();
    List<Transition> out = new ArrayList<>();
    Set<String> touched = new HashSet<>();
    for (Rule rule : rules) {
      if (rule.isOff()) {
        continue;
      }
      List<Signal> signals = new ArrayList<>();
      try {
        rule.evaluate(in, new RuleContext(rule, signals));
      } catch (RuntimeException failure) {
        ruleFailures++;
        if (firstRuleFailure == null) {
          firstRuleFailure = rule.name() + ": " + failure;
        }
        continue;
      }
      for (Signal s : signals) {
        String key = key(rule, s.series);
        touched.add(key);
        apply(rule, key, s, now, out);
      }
    }
    for (Iterator<Map.Entry<String, Tracked>> it = active.entrySet().iterator(); it.hasNext(); ) {
      Tracked t = it.next().getValue();
      if (!touched.contains(key(t.rule, t.series)) && now - t.updated > staleMillis) {
        it.remove();
        t.evidence =
            "no data since " + java.time.Instant.ofEpochMilli(t.updated) + ": " + t.evidence;
        end(t, now, out);
      }
    }
    return out;
  }

  private void apply(Rule rule, String key, Signal s, long now, List<Transition> out) {
    Tracked t = active.get(key);
    if (s.severity == null) {
      if (t != null) {
        active.remove(key);
        t.update(s, t.severity, now);
        end(t, now, out);
      }
      return;
    }
    if (t == null) {
      if (active.size() >= maxActive) {
        suppressed++;
        return;
      }
      t = new Tracked(rule, s, s.severity, now);
      active.put(key, t);
      out.add(new Transition(Transition.Kind.PENDING, t.snapshot(AlertState.PENDING)));
    } else {
      Severity before = t.severity;
      t.update(s, s.severity, now);
      if (t.firingSince >= 0 && before != s.severity) {
        out.add(new Transition(Transition.Kind.SEVERITY_CHANGED, t.snapshot(AlertState.FIRING)));
        count(t);
        return;
      }
    }
    if (t.firingSince < 0 && now - t.since >= rule.forMillis()) {
      t.firingSince = now;
      out.add(new Transition(Transition.Kind.FIRING, t.snapshot(AlertState.FIRING)));
      count(t);
    }
  }

  private void count(Tracked t) {
    fired.merge(t.rule.name() + "|" + t.severity.name(), 1L, Long::sum);
  }

  private void end(Tracked t, long now, List<Transition> out) {
    if (t.firingSince < 0) {
      out.add(new Transition(Transition.Kind.CANCELLED, t.snapshot(AlertState.RESOLVED, now)));
      return;
    }
    Alert resolved = t.snapshot(AlertState.RESOLVED, now);
    recent.addFirst(resolved);
    while (recent.size() > recentCapacity) {
      recent.removeLast();
    }
    out.add(new Transition(Transition.Kind.RESOLVED, resolved));
  }

  private static String key(Rule rule, String series) {
    return rule.name() + '\u0000' + series;
  }

  /** Active alerts: firing before pending, critical before warning, oldest first. */
  public synchronized List<Alert> active() {
    List<Alert> out = new ArrayList<>(active.size());
    for (Tracked t : active.values()) {
      out.add(t.snapshot(t.firingSince >= 0 ? AlertState.FIRING : AlertState.PENDING));
    }
    out.sort(
        Comparator.comparing((Alert a) -> a.state() != AlertState.FIRING)
            .thenComparing(a -> a.severity() != Severity.CRITICAL)
            .thenComparingLong(Alert::since));
    return out;
  }

  /** Resolved alerts, newest first. */
  public synchronized List<Alert> recent() {
    return new ArrayList<>(recent);
  }

  /** Firing alerts now, by {@code rule|SEVERITY}. */
  public synchronized Map<String, Long> firingCounts() {
    Map<String, Long> out = new TreeMap<>();
    for (Tracked t : active.values()) {
      if (t.firingSince >= 0) {
        out.merge(t.rule.name() + "|" + t.severity.name(), 1L, Long::sum);
      }
    }
    return out;
  }

  /** Alerts fired (and severity changes) so far, by {@code rule|SEVERITY}: cumulative. */
  public synchronized Map<String, Long> firedCounts() {
    return new TreeMap<>(fired);
  }

  /** New alerts not tracked because {@code maxActive} were active. */
  public synchronized long suppressed() {
    return suppressed;
  }

  /** Evaluations in which a rule threw (it was skipped). */
  public synchronized long ruleFailures() {
    return ruleFailures;
  }

  /** The first rule failure, or {@code null}. */
  public synchronized @Nullable String firstRuleFailure() {
    return firstRuleFailure;
  }

  private final class RuleContext implements Rule.Context {
    private final Rule rule;
    private final List<Signal> signals;

    RuleContext(Rule rule, List<Signal> signals) {
      this.rule = rule;
      this.signals = signals;
    }

    @Override
    public boolean claims(String series) {
      String k = rule.group() + '\u0000' + series;
      Rule owner = claims.get(k);
      if (owner == null) {
        for (Rule r : rules) {
          if (r.group().equals(rule.group()) && r.matches(series)) {
            owner = r;
            break;
          }
        }
        if (owner == null) {
          return false;
        }
        if (claims.size() > 100_000) {
          claims.clear();
        }
        claims.put(k, owner);
      }
      return owner == rule;
    }

    @Override
    public @Nullable Severity current(String series) {
      Tracked t = active.get(key(rule, series));
      return t == null ? null : t.severity;
    }

    @Override
    public Set<String> tracked() {
      Set<String> out = new HashSet<>();
      for (Tracked t : active.values()) {
        if (t.rule == rule) {
          out.add(t.series);
        }
      }
      return out;
    }

    @Override
    public void emit(Signal signal) {
      signals.add(signal);
    }
  }

  /** The mutable state of one active alert. */
  private static final class Tracked {
    final Rule rule;
    final String series;
    final long since;
    final String id;
    long firingSince = -1;
    long updated;
    Severity severity;
    double value;
    double threshold;
    String unit;
    String evidence;

    /** A new alert, pending from {@code since} at the severity its first signal deserves. */
    Tracked(Rule rule, Signal first, Severity severity, long since) {
      this.rule = rule;
      this.series = first.series;
      this.since = since;
      this.id = rule.name() + ":" + series + ":" + since;
      this.severity = severity;
      this.value = first.value;
      this.threshold = first.threshold;
      this.unit = first.unit;
      this.evidence = first.evidence;
      this.updated = since;
    }

    void update(Signal s, Severity severity, long now) {
      this.severity = severity;
      this.value = s.value;
      if (s.severity != null || Double.isNaN(threshold)) {
        this.threshold = s.threshold;
      }
      this.unit = s.unit;
      this.evidence = s.evidence;
      this.updated = now;
    }

    Alert snapshot(AlertState state) {
      return snapshot(state, -1);
    }

    Alert snapshot(AlertState state, long resolvedAt) {
      return new Alert(
          id,
          rule.name(),
          rule.type(),
          series,
          state,
          severity,
          value,
          threshold,
          unit,
          since,
          firingSince,
          resolvedAt,
          updated,
          evidence);
    }
  }
}
