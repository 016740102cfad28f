package io.perfagent.agent.instrument;

import io.perfagent.agent.config.MethodPattern;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Says why a pattern of {@code perf.instrument.methods} measures nothing, one line per pattern,
 * from what is loaded: no class of that name, only an interface or abstract class with no
 * implementation loaded, or a class without a method of that name.
 */
final class UnmatchedPatterns {

  private static final int MAX_NAMED = 3;

  private UnmatchedPatterns() {}

  static List<String> explain(List<MethodPattern> unmatched, Class<?>[] loaded) {
    List<String> lines = new ArrayList<>();
    for (MethodPattern p : unmatched) {
      lines.add("perf.instrument.methods: '" + p + "' measures nothing: " + why(p, loaded));
    }
    return lines;
  }

  private static String why(MethodPattern p, Class<?>[] loaded) {
    if (p.kind() == MethodPattern.Kind.ANNOTATION) {
      return "no loaded class is annotated @"
          + p.className()
          + " with a public method"
          + (p.methodName().equals(MethodPattern.ANY) ? "" : " matching '" + p.methodName() + "'")
          + ", and no loaded method is (check the annotation's full name)";
    }
    List<Class<?>> abstractOnes = new ArrayList<>();
    List<Class<?>> concrete = new ArrayList<>();
    for (Class<?> c : loaded) {
      if (!c.isArray() && !c.isPrimitive() && p.matchesClass(c.getName())) {
        (c.isInterface() || Modifier.isAbstract(c.getModifiers()) ? abstractOnes : concrete).add(c);
      }
    }
    if (abstractOnes.isEmpty() && concrete.isEmpty()) {
      return "no loaded class matches '"
          + p.className()
          + "' (a typo, a nested class needs pkg.Outer$Inner, or it is not loaded yet)";
    }
    if (concrete.isEmpty()) {
      return names(abstractOnes)
          + (abstractOnes.size() == 1 ? " is" : " are")
          + " an interface or abstract class, and no loaded implementation has a method matching '"
          + p.methodName()
          + "' with a body (implementations and JDK proxies are measured once"
          + " loaded; classes generated as hidden classes, such as lambdas, cannot be)";
    }
    for (Class<?> c : concrete) {
      try {
        for (Method m : c.getDeclaredMethods()) {
          if (p.matchesMethod(m.getName())) {
            return names(concrete)
                + " has '"
                + m.getName()
                + "' but it was not instrumented"
                + " (abstract, native, synthetic, excluded, or its class could not be woven: see"
                + " earlier lines)";
          }
        }
      } catch (Throwable unreadable) {
        // Say what is known.
      }
    }
    return names(concrete)
        + " declares no method matching '"
        + p.methodName()
        + "' (inherited methods are measured in the class that declares them)";
  }

  private static String names(List<Class<?>> classes) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < classes.size() && i < MAX_NAMED; i++) {
      s.append(i == 0 ? "" : ", ").append(classes.get(i).getName());
    }
    if (classes.size() > MAX_NAMED) {
      s.append(" and ").append(classes.size() - MAX_NAMED).append(" more");
    }
    return s.toString();
  }
}
