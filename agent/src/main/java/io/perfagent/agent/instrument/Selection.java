package io.perfagent.agent.instrument;

import io.perfagent.agent.record.MethodKind;

/** What to measure of one method and under which {@code code.function.name}. */
final class Selection {

  final MethodKind kind;
  final String functionName;

  Selection(MethodKind kind, String functionName) {
    this.kind = kind;
    this.functionName = functionName;
  }
}
