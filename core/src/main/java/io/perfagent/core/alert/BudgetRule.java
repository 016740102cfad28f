package io.perfagent.core.alert;

import io.perfagent.core.analyze.HistogramDelta;
import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.analyze.MethodResult;
import io.perfagent.core.detect.Severity;
import io.perfagent.core.format.Units;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A performance budget evaluated as an SLO. {@code p95<200ms} allows 5 % of calls to be slower than
 * 200 ms; {@code errors<0.1%} allows 0.1 % of calls to fail. The bad calls are counted exactly from
 * the cycle's histogram buckets (a call counts as slow when its whole bucket lies above the budget,
 * see {@link HistogramDelta#countSlowerThan(double)}), and the alert follows the SRE workbook's
 * multi-window burn rates: the share of bad calls over a window divided by the share allowed.
 * Critical when 14.4× over 1 h and 5 min, or 6× over 6 h and 30 min; warning when 1× over 3 d and 6
 * h. The short window of each pair makes the alert resolve soon after the burn stops.
 */
final class BudgetRule extends Rule {

  /** Methods with windows kept, at most (each costs about 10 KB). */
  static final int MAX_SERIES = 500;

  /** One burn-rate condition: both windows above {@code factor}. */
  static final class Pair {
    final long longMillis;
    final long shortMillis;
    final double factor;
    final Severity severity;

    Pair(long longMillis, long shortMillis, double factor, Severity severity) {
      this.longMillis = longMillis;
      this.shortMillis = shortMillis;
      this.factor = factor;
      this.severity = severity;
    }
  }

  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;

  /** The SRE workbook's pairs, worst first. */
  static final Pair[] PAIRS = {
    new Pair(HOUR, 5 * MINUTE, 14.4, Severity.CRITICAL),
    new Pair(6 * HOUR, 30 * MINUTE, 6, Severity.CRITICAL),
    new Pair(72 * HOUR, 6 * HOUR, 1, Severity.WARNING),
  };

  private final boolean latency;
  private final int quantile;
  private final double budgetSeconds;
  private final double allowed;
  private final long minCalls;
  private final Map<String, Windows> windows = new LinkedHashMap<>();

  private BudgetRule(
      String name,
      Glob target,
      boolean latency,
      int quantile,
      double budgetSeconds,
      double allowed,
      long minCalls,
      boolean off,
      String definition) {
    super(name, "budget", target, 0, off, definition);
    this.latency = latency;
    this.quantile = quantile;
    this.budgetSeconds = budgetSeconds;
    this.allowed = allowed;
    this.minCalls = minCalls;
  }

  /**
   * A budget from its text: {@code p95<200ms}, {@code p99<1s}, {@code errors<0.1%}.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  static BudgetRule parse(
      String name, Glob target, String spec, long minCalls, boolean off, String definition) {
    String s = spec.trim().toLowerCase(Locale.ROOT);
    int lt = s.indexOf('<');
    String expected =
        "expected a budget such as p95<200ms, p99<1s or errors<0.1%, got '" + spec + "'";
    if (lt <= 0) {
      throw new IllegalArgumentException(expected);
    }
    String what = s.substring(0, lt);
    Quantity limit;
    try {
      limit = Quantity.parse(s.substring(lt + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(expected);
    }
    if (what.equals("errors") || what.equals("error_rate") || what.equals("error-rate")) {
      if (!limit.relative || !(limit.value > 0 && limit.value < 1)) {
        throw new IllegalArgumentException(expected + " (an error budget is a percentage)");
      }
      return new BudgetRule(
          name, target, false, 0, Double.NaN, limit.value, minCalls, off, definition);
    }
    if (what.matches("p(50|75|90|95|99|99\\.9)")) {
      double q = Double.parseDouble(what.substring(1));
      if (limit.relative
          || !(limit.value > 0)
          || !spec.matches("(?i).*<\\s*[0-9.]+\\s*(ns|us|µs|ms|s|m)\\s*")) {
        throw new IllegalArgumentException(expected + " (a latency budget is a duration)");
      }
      return new BudgetRule(
          name,
          target,
          true,
          (int) Math.round(q),
          limit.value,
          (100 - q) / 100,
          minCalls,
          off,
          definition);
    }
    throw new IllegalArgumentException(expected);
  }

  @Override
  String group() {
    return "budget:" + name(); // every matching budget applies
  }

  @Override
  void evaluate(AlertInput in, Context ctx) {
    long now = in.epochMillis();
    if (in.report() != null) {
      for (MethodResult m : in.report().methods()) {
        MethodCycle c = m.cycle();
        if (!matches(c.name())) {
          continue;
        }
        long bad = latency ? c.callsSlowerThan(budgetSeconds) : c.errors();
        if (bad < 0) {
          continue; // no buckets: a counted method
        }
        Windows w = windows.get(c.name());
        if (w == null) {
          if (windows.size() >= MAX_SERIES) {
            continue;
          }
          w = new Windows();
          windows.put(c.name(), w);
        }
        w.add(now, c.calls(), bad);
      }
    }
    // Methods without calls this cycle are judged too: their windows still hold the burn.
    for (Map.Entry<String, Windows> e : windows.entrySet()) {
      judge(e.getKey(), e.getValue(), now, ctx);
    }
  }

  private void judge(String method, Windows w, long now, Context ctx) {
    for (Pair p : PAIRS) {
      double longBurn = burn(w.sum(now, p.longMillis));
      long[] shortSum = w.sum(now, p.shortMillis);
      double shortBurn = shortSum[0] < minCalls ? 0 : burn(shortSum);
      if (longBurn > p.factor && shortBurn > p.factor) {
        long[] sum = w.sum(now, p.longMillis);
        ctx.emit(
            new Signal(
                method,
                p.severity,
                longBurn,
                p.factor,
                "1",
                describe()
                    + " budget of "
                    + method
                    + " burning "
                    + times(longBurn)
                    + " over "
                    + AlertRules.durationText(p.longMillis)
                    + " and "
                    + times(shortBurn)
                    + " over "
                    + AlertRules.durationText(p.shortMillis)
                    + " ("
                    + p.severity.label()
                    + " above "
                    + times(p.factor)
                    + "): "
                    + sum[1]
                    + " of "
                    + sum[0]
                    + " calls "
                    + badWord()
                    + " ("
                    + Units.percent(allowed)
                    + " allowed)"));
        return;
      }
    }
    if (ctx.current(method) != null) {
      Pair p = PAIRS[0];
      ctx.emit(
          Signal.clear(
              method,
              burn(w.sum(now, p.shortMillis)),
              "1",
              describe()
                  + " budget of "
                  + method
                  + " no longer burning fast: "
                  + times(burn(w.sum(now, p.shortMillis)))
                  + " over "
                  + AlertRules.durationText(p.shortMillis)));
    }
  }

  private String badWord() {
    return latency
        ? "slower than " + Units.seconds(HistogramDelta.effectiveBoundSeconds(budgetSeconds))
        : "failed";
  }

  private String describe() {
    return latency
        ? "p" + quantile + "<" + Units.seconds(budgetSeconds).replace(" ", "")
        : "errors<" + Units.percent(allowed).replace(" ", "");
  }

  private static String times(double burn) {
    return Units.number(burn) + "×";
  }

  /** The burn rate: the share of bad calls divided by the share allowed; 0 without calls. */
  private double burn(long[] sum) {
    return sum[0] == 0 ? 0 : (double) sum[1] / sum[0] / allowed;
  }

  /** Minute slots for up to 6 h, quarter-hour slots for 3 days: about 10 KB per method. */
  static final class Windows {
    private final WindowCounter fine = new WindowCounter(MINUTE, 361);
    private final WindowCounter coarse = new WindowCounter(15 * MINUTE, 289);

    void add(long now, long total, long bad) {
      fine.add(now, total, bad);
      coarse.add(now, total, bad);
    }

    long[] sum(long now, long windowMillis) {
      return windowMillis <= 6 * HOUR ? fine.sum(now, windowMillis) : coarse.sum(now, windowMillis);
    }
  }
}
