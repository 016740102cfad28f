package io.perfagent.agent.alert;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.annotation.Measured;
import io.perfagent.core.alert.AlertRules;
import io.perfagent.core.alert.Rule;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.MethodResult;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds {@code @Measured(budget = "...")} on methods the analysis has seen: each new method name
 * {@code pkg.Class.method} is looked up once among the loaded classes (it was called, so its class
 * is loaded), and the budget on the method, or else on its class, becomes a rule. Methods exported
 * under a custom name ({@code @Measured("name")}) cannot be traced back to their class this way;
 * give their budget in the rules instead.
 */
final class AnnotationBudgets {

  private static final int MAX_CHECKED = 20_000;

  private final Instrumentation instrumentation;
  private final Set<String> checked = new HashSet<>();

  AnnotationBudgets(Instrumentation instrumentation) {
    this.instrumentation = instrumentation;
  }

  /** Budget rules of the methods seen for the first time in {@code report}. */
  List<Rule> discover(CycleReport report) {
    if (instrumentation == null || report == null || checked.size() >= MAX_CHECKED) {
      return Collections.emptyList();
    }
    Map<String, List<String>> byClass = new HashMap<>();
    for (MethodResult m : report.methods()) {
      String name = m.cycle().name();
      int dot = name.lastIndexOf('.');
      if (dot > 0 && checked.add(name)) {
        byClass.computeIfAbsent(name.substring(0, dot), k -> new ArrayList<>()).add(name);
      }
    }
    if (byClass.isEmpty()) {
      return Collections.emptyList();
    }
    List<Rule> out = new ArrayList<>();
    for (Class<?> c : instrumentation.getAllLoadedClasses()) {
      List<String> names = byClass.get(c.getName());
      if (names != null) {
        for (String name : names) {
          budgets(c, name.substring(name.lastIndexOf('.') + 1), name, out);
        }
      }
    }
    return out;
  }

  private static void budgets(Class<?> c, String method, String name, List<Rule> out) {
    String spec = "";
    try {
      for (Method m : c.getDeclaredMethods()) {
        Measured a = m.getName().equals(method) ? m.getAnnotation(Measured.class) : null;
        if (a != null && !a.budget().isEmpty()) {
          spec = a.budget();
          break;
        }
      }
      if (spec.isEmpty()) {
        Measured onType = c.getAnnotation(Measured.class);
        spec = onType == null ? "" : onType.budget();
      }
    } catch (Throwable unreadable) {
      return; // a class whose methods cannot be resolved: no budget, never a failure
    }
    for (String part : spec.split(";")) {
      if (!part.trim().isEmpty()) {
        try {
          out.add(AlertRules.budget(name, part));
        } catch (IllegalArgumentException e) {
          AgentLog.warn(
              "@Measured(budget = \""
                  + spec
                  + "\") on "
                  + name
                  + ": "
                  + e.getMessage()
                  + "; this budget is ignored");
        }
      }
    }
  }
}
