package io.perfagent.core.alert;

import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.analyze.MethodResult;
import io.perfagent.core.format.Units;
import java.util.HashMap;
import java.util.Map;

/**
 * A method's error ratio (failed calls / calls) over a sliding window, judged only once the window
 * holds at least {@code min-calls} calls: three failures out of ten calls is not an incident.
 */
final class ErrorRule extends Rule {

  /** Series (methods) with a window kept, at most. */
  static final int MAX_SERIES = 10_000;

  private final double warning;
  private final double critical;
  private final long minCalls;
  private final long windowMillis;
  private final double hysteresis;
  private final Map<String, WindowCounter> windows = new HashMap<>();

  ErrorRule(
      String name,
      Glob target,
      double warning,
      double critical,
      long minCalls,
      long windowMillis,
      long forMillis,
      double hysteresis,
      boolean off,
      String definition) {
    super(name, "errors", target, forMillis, off, definition);
    this.warning = warning;
    this.critical = critical;
    this.minCalls = minCalls;
    this.windowMillis = windowMillis;
    this.hysteresis = hysteresis;
  }

  @Override
  void evaluate(AlertInput in, Context ctx) {
    if (in.report() == null) {
      return;
    }
    long now = in.epochMillis();
    for (MethodResult m : in.report().methods()) {
      MethodCycle c = m.cycle();
      if (!matches(c.name()) || !ctx.claims(c.name())) {
        continue;
      }
      WindowCounter w = windows.get(c.name());
      if (w == null) {
        if (windows.size() >= MAX_SERIES) {
          continue;
        }
        // 30 slots over the window: it is read at most 1/30 short.
        w = new WindowCounter(Math.max(1, windowMillis / 30), 31);
        windows.put(c.name(), w);
      }
      w.add(now, c.calls(), c.errors());
      long[] sum = w.sum(now, windowMillis);
      if (sum[0] < minCalls) {
        continue;
      }
      double ratio = (double) sum[1] / sum[0];
      judgeAndEmit(
          ctx,
          c.name(),
          ratio,
          warning,
          critical,
          hysteresis,
          "1",
          (s, threshold) ->
              c.name()
                  + " failed "
                  + sum[1]
                  + " of "
                  + sum[0]
                  + " calls ("
                  + Units.percent(ratio)
                  + ") over "
                  + AlertRules.durationText(windowMillis)
                  + crossing(s, Units.percent(threshold)));
    }
  }
}
