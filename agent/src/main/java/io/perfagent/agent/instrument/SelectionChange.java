package io.perfagent.agent.instrument;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.MethodPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which loaded classes a reload must retransform. A method's selection by {@code
 * perf.instrument.methods} is "some include or annotation pattern selects it and no exclude names
 * it", whatever the patterns' order; so a class that no added or removed pattern names keeps its
 * selection, and its woven code (and its counters) go on untouched. The patterns added or removed
 * are applied to the loaded classes by name (includes also through supertypes, annotation patterns
 * through the annotations present) — cheap checks, no class file is read. A change of the
 * annotation switches or of async timing may change any woven class: {@link #concernsEveryClass}.
 */
final class SelectionChange {

  private final boolean everyClass;
  private final LoadedPatterns changed;
  private final boolean nothingChanged;

  SelectionChange(AgentConfig before, AgentConfig next) {
    this.everyClass =
        before.withSpan() != next.withSpan()
            || before.micrometer() != next.micrometer()
            || before.asyncTiming() != next.asyncTiming();
    List<MethodPattern> difference = new ArrayList<>();
    for (MethodPattern p : before.methods()) {
      if (!next.methods().contains(p)) {
        difference.add(p);
      }
    }
    for (MethodPattern p : next.methods()) {
      if (!before.methods().contains(p) && !difference.contains(p)) {
        difference.add(p);
      }
    }
    this.nothingChanged = difference.isEmpty();
    this.changed = new LoadedPatterns(difference);
  }

  /** Whether every woven class, and every class annotations select, must be looked at again. */
  boolean concernsEveryClass() {
    return everyClass;
  }

  /**
   * The classes among {@code loaded} that a pattern added or removed names.
   *
   * @param modifiable whether the JVM may retransform a class (asked last: it is the costly check)
   */
  List<Class<?>> affected(Class<?>[] loaded, Predicate<Class<?>> modifiable) {
    List<Class<?>> out = new ArrayList<>();
    if (nothingChanged) {
      return out;
    }
    for (Class<?> k : loaded) {
      if (k.isArray() || k.isPrimitive() || isIgnored(k.getName())) {
        continue;
      }
      if ((changed.excludes(k) || changed.mayMatch(k)) && modifiable.test(k)) {
        out.add(k);
      }
    }
    return out;
  }

  /** {@link DeferredTransformer#isIgnored} on a binary name, without building the internal one. */
  static boolean isIgnored(String binaryName) {
    if (binaryName.startsWith("jdk.proxy") || binaryName.startsWith("com.sun.proxy.")) {
      return false;
    }
    return binaryName.startsWith("java.")
        || binaryName.startsWith("jdk.")
        || binaryName.startsWith("sun.")
        || binaryName.startsWith("com.sun.")
        || binaryName.startsWith("io.perfagent.");
  }
}
