package io.perfagent.agent.instrument;

import io.perfagent.agent.record.MethodKind;

/**
 * What to measure of one method, under which {@code code.function.name}, and the performance budget
 * its {@code @Measured(budget = ...)} declares (empty: none).
 */
final class Selection {

  final MethodKind kind;
  final String functionName;
  final String budget;

  Selection(MethodKind kind, String functionName) {
    this(kind, functionName, "");
  }

  Selection(MethodKind kind, String functionName, String budget) {
    this.kind = kind;
    this.functionName = functionName;
    this.budget = budget;
  }
}
