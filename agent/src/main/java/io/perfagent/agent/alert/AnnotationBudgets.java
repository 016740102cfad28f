package io.perfagent.agent.alert;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.core.alert.AlertRules;
import io.perfagent.core.alert.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Turns {@code @Measured(budget = "...")} into rules. The weaver reads the budget when it registers
 * the method (under its {@code code.function.name}, a custom {@code @Measured("name")} included)
 * and keeps the declarations in order; this asks for those it has not seen yet, so each costs one
 * look-up in total, whether or not the method has been called.
 */
final class AnnotationBudgets {

  private final IntFunction<List<Map.Entry<String, String>>> declared;
  private int seen;

  AnnotationBudgets(IntFunction<List<Map.Entry<String, String>>> declared) {
    this.declared = declared;
  }

  /** Rules for the budgets declared since the last call; a bad spec costs one log line. */
  List<Rule> discover() {
    List<Map.Entry<String, String>> fresh = declared.apply(seen);
    if (fresh.isEmpty()) {
      return Collections.emptyList();
    }
    seen += fresh.size();
    List<Rule> out = new ArrayList<>();
    for (Map.Entry<String, String> d : fresh) {
      rules(d.getKey(), d.getValue(), out);
    }
    return out;
  }

  private static void rules(String method, String spec, List<Rule> out) {
    for (String part : spec.split(";")) {
      if (!part.trim().isEmpty()) {
        try {
          out.add(AlertRules.budget(method, part));
        } catch (IllegalArgumentException e) {
          AgentLog.warn(
              "@Measured(budget = \""
                  + spec
                  + "\") on "
                  + method
                  + ": "
                  + e.getMessage()
                  + "; this budget is ignored");
        }
      }
    }
  }
}
