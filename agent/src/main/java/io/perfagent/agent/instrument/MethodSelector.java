package io.perfagent.agent.instrument;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.MethodPattern;
import io.perfagent.agent.record.MethodKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.jspecify.annotations.Nullable;

/**
 * Decides, from annotations (by name) and configuration, whether and how a method is measured.
 *
 * <p>Precedence on a method: perf {@code @Measured}, perf {@code @Counted}, {@code @WithSpan},
 * Micrometer {@code @Timed}, Micrometer {@code @Counted}; then the type's perf {@code @Measured}
 * / {@code @Counted} / Micrometer {@code @Timed} (public methods only); then methods named in
 * {@code perf.instrument.methods} (timed). Methods without a body of their own are never selected:
 * constructors, abstract, native, bridge and synthetic (compiler-made, lambda bodies) methods; a
 * bridge forwards to the real method, which is measured once.
 */
final class MethodSelector {

  private final boolean withSpan;
  private final boolean micrometer;
  private final Map<String, List<MethodPattern>> patternsByClass = new HashMap<>();

  MethodSelector(AgentConfig config) {
    this.withSpan = config.withSpan();
    this.micrometer = config.micrometer();
    for (MethodPattern p : config.methods()) {
      patternsByClass.computeIfAbsent(p.className(), k -> new ArrayList<>()).add(p);
    }
  }

  /** Whether any method the type declares is selected. */
  boolean selectsAny(TypeDescription type) {
    for (MethodDescription m : type.getDeclaredMethods()) {
      if (select(m) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The selection for a method, or {@code null} when it is not measured. Overloads share one
   * series, so they share one kind too: when any overload the type declares is timed under the
   * same name, a counted one is timed as well (timed wins, whatever the order of declaration).
   */
  @Nullable Selection select(MethodDescription method) {
    Selection own = selectOwn(method);
    if (own == null || own.kind == MethodKind.TIMED) {
      return own;
    }
    for (MethodDescription other : method.getDeclaringType().getDeclaredMethods()) {
      if (other.getName().equals(method.getName()) && !other.equals(method)) {
        Selection s = selectOwn(other);
        if (s != null && s.kind == MethodKind.TIMED && s.functionName.equals(own.functionName)) {
          return new Selection(MethodKind.TIMED, own.functionName);
        }
      }
    }
    return own;
  }

  /** The selection from the method's own annotations, its type's and the configuration. */
  private @Nullable Selection selectOwn(MethodDescription method) {
    if (!method.isMethod()
        || method.isAbstract()
        || method.isNative()
        || method.isBridge()
        || method.isSynthetic()) {
      return null;
    }
    TypeDescription type = method.getDeclaringType().asErasure();
    String defaultName = type.getName() + "." + method.getName();

    AnnotationList onMethod = method.getDeclaredAnnotations();
    AnnotationDescription a;
    if ((a = find(onMethod, AnnotationNames.MEASURED)) != null) {
      return new Selection(MethodKind.TIMED, nameOr(a, defaultName));
    }
    if ((a = find(onMethod, AnnotationNames.COUNTED)) != null) {
      return new Selection(MethodKind.COUNTED, nameOr(a, defaultName));
    }
    if (withSpan
        && (find(onMethod, AnnotationNames.WITH_SPAN) != null
            || find(onMethod, AnnotationNames.WITH_SPAN_LEGACY) != null)) {
      return new Selection(MethodKind.TIMED, defaultName);
    }
    if (micrometer && find(onMethod, AnnotationNames.MICROMETER_TIMED) != null) {
      return new Selection(MethodKind.TIMED, defaultName);
    }
    if (micrometer && find(onMethod, AnnotationNames.MICROMETER_COUNTED) != null) {
      return new Selection(MethodKind.COUNTED, defaultName);
    }

    if (method.isPublic()) {
      AnnotationList onType = type.getDeclaredAnnotations();
      if ((a = find(onType, AnnotationNames.MEASURED)) != null) {
        return new Selection(MethodKind.TIMED, typeNameOr(a, type) + "." + method.getName());
      }
      if ((a = find(onType, AnnotationNames.COUNTED)) != null) {
        return new Selection(MethodKind.COUNTED, typeNameOr(a, type) + "." + method.getName());
      }
      if (micrometer && find(onType, AnnotationNames.MICROMETER_TIMED) != null) {
        return new Selection(MethodKind.TIMED, defaultName);
      }
    }

    List<MethodPattern> patterns = patternsByClass.get(type.getName());
    if (patterns != null) {
      for (MethodPattern p : patterns) {
        if (p.matchesMethod(method.getName())) {
          return new Selection(MethodKind.TIMED, defaultName);
        }
      }
    }
    return null;
  }

  private static @Nullable AnnotationDescription find(AnnotationList annotations, String typeName) {
    for (AnnotationDescription a : annotations) {
      if (a.getAnnotationType().getName().equals(typeName)) {
        return a;
      }
    }
    return null;
  }

  /** The annotation's {@code value()} when set, else {@code fallback}. */
  private static String nameOr(AnnotationDescription a, String fallback) {
    String value = valueOf(a);
    return value.isEmpty() ? fallback : value;
  }

  /** On a type, {@code value()} replaces the class part of {@code pkg.Class.method}. */
  private static String typeNameOr(AnnotationDescription a, TypeDescription type) {
    String value = valueOf(a);
    return value.isEmpty() ? type.getName() : value;
  }

  private static String valueOf(AnnotationDescription a) {
    try {
      for (MethodDescription.InDefinedShape property : a.getAnnotationType().getDeclaredMethods()) {
        if (property.getName().equals("value")) {
          Object v = a.getValue(property).resolve();
          return v instanceof String ? ((String) v).trim() : "";
        }
      }
    } catch (RuntimeException unresolvable) {
      // The annotation's class file cannot be read from this loader: fall back to the default.
    }
    return "";
  }
}
