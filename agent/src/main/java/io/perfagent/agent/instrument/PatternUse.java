package io.perfagent.agent.instrument;

import io.perfagent.agent.config.MethodPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Which entries of {@code perf.instrument.methods} have selected at least one method, so that one
 * that never did can be named (see {@link UnmatchedPatterns}). One flag per pattern; marking is a
 * plain read once set, so the transformer pays nothing after the first match.
 */
final class PatternUse {

  private final List<MethodPattern> patterns;
  private final AtomicIntegerArray matched;

  PatternUse(List<MethodPattern> patterns) {
    this.patterns = patterns;
    this.matched = new AtomicIntegerArray(patterns.size());
  }

  void matched(MethodPattern p) {
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i) == p) {
        if (matched.get(i) == 0) {
          matched.set(i, 1);
        }
        return;
      }
    }
  }

  /**
   * Marks the patterns {@code before} had seen select something, for those this list keeps: a
   * reload leaves the classes of kept patterns as they are, so they would not be seen again.
   */
  void carryOver(PatternUse before) {
    for (int i = 0; i < patterns.size(); i++) {
      for (int j = 0; j < before.patterns.size(); j++) {
        if (before.matched.get(j) == 1 && before.patterns.get(j).equals(patterns.get(i))) {
          matched.set(i, 1);
          break;
        }
      }
    }
  }

  /** The include and annotation patterns that have selected nothing so far. */
  List<MethodPattern> unmatched() {
    List<MethodPattern> out = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      MethodPattern p = patterns.get(i);
      if (matched.get(i) == 0 && p.kind() != MethodPattern.Kind.EXCLUDE) {
        out.add(p);
      }
    }
    return out;
  }
}
