package io.perfagent.agent.instrument;

import io.perfagent.agent.config.MethodPattern;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The patterns of {@code perf.instrument.methods} applied by reflection to classes already loaded
 * (at attach, after start, on reload), to find the ones to retransform. Errs towards yes: Byte
 * Buddy decides precisely once the class is retransformed.
 */
final class LoadedPatterns {

  private final List<MethodPattern> includes = new ArrayList<>();
  private final List<MethodPattern> annotations = new ArrayList<>();
  private final List<MethodPattern> excludes = new ArrayList<>();

  /**
   * Supertypes already answered for ({@link #namedByInclude}): the classes of one application share
   * a few interfaces and base classes, so a scan of every loaded class walks each once.
   */
  private final java.util.Map<Class<?>, Boolean> named = new java.util.IdentityHashMap<>();

  LoadedPatterns(List<MethodPattern> patterns) {
    for (MethodPattern p : patterns) {
      if (p.kind() == MethodPattern.Kind.INCLUDE) {
        includes.add(p);
      } else if (p.kind() == MethodPattern.Kind.ANNOTATION) {
        annotations.add(p);
      } else {
        excludes.add(p);
      }
    }
  }

  boolean mayMatch(Class<?> c) {
    if (includes.isEmpty() && annotations.isEmpty()) {
      return false;
    }
    try {
      if (namedByInclude(c, 0)) {
        return true;
      }
      if (!annotations.isEmpty()) {
        if (annotated(c.getDeclaredAnnotations())) {
          return true;
        }
        for (Method m : c.getDeclaredMethods()) {
          if (annotated(m.getDeclaredAnnotations())) {
            return true;
          }
        }
      }
    } catch (Throwable unreadable) {
      // A class whose members cannot be resolved cannot be matched either.
    }
    return false;
  }

  /** Whether an exclude names the class (excludes match the class's own name only). */
  boolean excludes(Class<?> c) {
    for (MethodPattern p : excludes) {
      if (p.matchesClass(c.getName())) {
        return true;
      }
    }
    return false;
  }

  /** Whether an include names one of the class's supertypes (not the class itself). */
  boolean mayMatchBySupertype(Class<?> c) {
    try {
      if (namedByInclude(c.getSuperclass(), 1)) {
        return true;
      }
      for (Class<?> i : c.getInterfaces()) {
        if (namedByInclude(i, 1)) {
          return true;
        }
      }
    } catch (Throwable unreadable) {
      // A class whose supertypes cannot be resolved cannot be matched either.
    }
    return false;
  }

  /** Whether an include names the class or one of its supertypes. */
  private boolean namedByInclude(Class<?> c, int depth) {
    if (c == null || c == Object.class || depth > 32) {
      return false;
    }
    Boolean known = named.get(c);
    if (known != null) {
      return known;
    }
    boolean found = namedHereOrAbove(c, depth);
    if (named.size() < 100_000) {
      named.put(c, found);
    }
    return found;
  }

  private boolean namedHereOrAbove(Class<?> c, int depth) {
    for (MethodPattern p : includes) {
      if (p.matchesClass(c.getName())) {
        return true;
      }
    }
    if (namedByInclude(c.getSuperclass(), depth + 1)) {
      return true;
    }
    for (Class<?> i : c.getInterfaces()) {
      if (namedByInclude(i, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private boolean annotated(Annotation[] present) {
    for (Annotation a : present) {
      String name = a.annotationType().getName();
      for (MethodPattern p : annotations) {
        if (p.className().equals(name)) {
          return true;
        }
      }
    }
    return false;
  }
}
