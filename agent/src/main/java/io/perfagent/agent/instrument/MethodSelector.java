package io.perfagent.agent.instrument;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.MethodPattern;
import io.perfagent.agent.record.MethodKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.jspecify.annotations.Nullable;

/**
 * Decides, from annotations (by name) and configuration, whether and how a method is measured.
 *
 * <p>Precedence on a method: perf {@code @Measured}, perf {@code @Counted}, {@code @WithSpan},
 * Micrometer {@code @Timed}, Micrometer {@code @Counted}; then the type's perf {@code @Measured} /
 * {@code @Counted} / Micrometer {@code @Timed} (public methods only); then methods named in {@code
 * perf.instrument.methods} (timed): globs, annotation names, and implementations of a named
 * interface or abstract method; an exclude there drops any selection but perf's own annotations.
 * Methods without a body of their own are never selected: constructors, abstract, native, bridge
 * and synthetic (compiler-made, lambda bodies) methods; a bridge forwards to the real method, which
 * is measured once.
 */
final class MethodSelector {

  /**
   * Names of a JDK dynamic proxy class: {@code jdk.proxy2.$Proxy12}, {@code com.sun.proxy.$Proxy3}.
   */
  private static final String PROXY_MARK = "$Proxy";

  private final boolean withSpan;
  private final boolean micrometer;
  private final Map<String, List<MethodPattern>> patternsByClass = new HashMap<>();
  private final List<MethodPattern> globIncludes = new ArrayList<>();
  private final List<MethodPattern> includes = new ArrayList<>();
  private final List<MethodPattern> excludes = new ArrayList<>();
  private final List<MethodPattern> annotations = new ArrayList<>();
  private final PatternUse use;
  private final Consumer<String> supertypeFound;

  /** Per type name: the named supertypes it has (see {@link #namedSupertypes}); bounded. */
  private final Map<String, List<SupertypeMatch>> hierarchy = new ConcurrentHashMap<>();

  MethodSelector(AgentConfig config) {
    this(config, new PatternUse(config.methods()), name -> {});
  }

  /**
   * @param use records which patterns selected something, for the one line per unmatched pattern
   * @param supertypeFound told of every type whose subtypes may be selected
   */
  MethodSelector(AgentConfig config, PatternUse use, Consumer<String> supertypeFound) {
    this.withSpan = config.withSpan();
    this.micrometer = config.micrometer();
    this.use = use;
    this.supertypeFound = supertypeFound;
    for (MethodPattern p : config.methods()) {
      switch (p.kind()) {
        case EXCLUDE:
          excludes.add(p);
          break;
        case ANNOTATION:
          annotations.add(p);
          break;
        default:
          includes.add(p);
          if (p.isExactClass()) {
            patternsByClass.computeIfAbsent(p.className(), k -> new ArrayList<>()).add(p);
          } else {
            globIncludes.add(p);
          }
      }
    }
  }

  /** Whether any method the type declares is selected. */
  boolean selectsAny(TypeDescription type) {
    if (!includes.isEmpty() && (type.isInterface() || type.isAbstract())) {
      namedSupertypes(
          type); // learns the type when a pattern names it (its methods may be abstract)
    }
    for (MethodDescription m : type.getDeclaredMethods()) {
      if (select(m) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The selection for a method, or {@code null} when it is not measured. Overloads share one
   * series, so they share one kind too: when any overload the type declares is timed under the same
   * name, a counted one is timed as well (timed wins, whatever the order of declaration).
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
          return new Selection(MethodKind.TIMED, own.functionName, s.budget);
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
      String budget = stringProperty(a, "budget");
      if (budget.isEmpty()) { // the type's budget covers its methods that declare none
        AnnotationDescription onType =
            find(type.getDeclaredAnnotations(), AnnotationNames.MEASURED);
        budget = onType == null ? "" : stringProperty(onType, "budget");
      }
      return new Selection(MethodKind.TIMED, nameOr(a, defaultName), budget);
    }
    if ((a = find(onMethod, AnnotationNames.COUNTED)) != null) {
      return new Selection(MethodKind.COUNTED, nameOr(a, defaultName));
    }
    // Excludes win over every selection made without perf's own annotations.
    boolean excluded = isExcluded(type.getName(), method.getName());
    if (!excluded) {
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
    }

    if (method.isPublic()) {
      AnnotationList onType = type.getDeclaredAnnotations();
      if ((a = find(onType, AnnotationNames.MEASURED)) != null) {
        return new Selection(
            MethodKind.TIMED,
            typeNameOr(a, type) + "." + method.getName(),
            stringProperty(a, "budget"));
      }
      if ((a = find(onType, AnnotationNames.COUNTED)) != null) {
        return new Selection(MethodKind.COUNTED, typeNameOr(a, type) + "." + method.getName());
      }
      if (!excluded && micrometer && find(onType, AnnotationNames.MICROMETER_TIMED) != null) {
        return new Selection(MethodKind.TIMED, defaultName);
      }
    }
    return excluded ? null : fromPatterns(method, type, defaultName);
  }

  /** The selection {@code perf.instrument.methods} makes, or {@code null}. */
  private @Nullable Selection fromPatterns(
      MethodDescription method, TypeDescription type, String defaultName) {
    String name = method.getName();
    List<MethodPattern> exact = patternsByClass.get(type.getName());
    if (exact != null) {
      for (MethodPattern p : exact) {
        if (p.matchesMethod(name)) {
          return used(p, defaultName);
        }
      }
    }
    for (MethodPattern p : globIncludes) {
      if (p.matchesClass(type.getName()) && p.matchesMethod(name)) {
        return used(p, defaultName);
      }
    }
    for (MethodPattern p : annotations) {
      if (p.matchesMethod(name)
          && (find(method.getDeclaredAnnotations(), p.className()) != null
              || (method.isPublic()
                  && find(type.getDeclaredAnnotations(), p.className()) != null))) {
        return used(p, defaultName);
      }
    }
    if (!includes.isEmpty() && !method.isStatic() && !method.isPrivate()) {
      for (SupertypeMatch m : namedSupertypes(type)) {
        if (m.pattern.matchesMethod(name) && m.abstractMethods.contains(name)) {
          // A JDK proxy's name means nothing to a reader: its series takes the interface's.
          String owner = type.getName().contains(PROXY_MARK) ? m.supertype : type.getName();
          return used(m.pattern, owner + "." + name);
        }
      }
    }
    return null;
  }

  private Selection used(MethodPattern p, String functionName) {
    use.matched(p);
    return new Selection(MethodKind.TIMED, functionName);
  }

  private boolean isExcluded(String typeName, String methodName) {
    for (MethodPattern p : excludes) {
      if (p.matchesClass(typeName) && p.matchesMethod(methodName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The supertypes of {@code type} that an include pattern names, each with the names of the
   * abstract methods it declares or inherits: an implementation of those is measured. Resolving
   * supertypes reads their class files, so the answer is kept per type name.
   */
  private List<SupertypeMatch> namedSupertypes(TypeDescription type) {
    List<SupertypeMatch> known = hierarchy.get(type.getName());
    if (known != null) {
      return known;
    }
    List<SupertypeMatch> found = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    Deque<TypeDescription> todo = new ArrayDeque<>();
    addSupertypes(type, todo);
    while (!todo.isEmpty() && visited.size() < 256) {
      TypeDescription s = todo.poll();
      if (!visited.add(s.getName())) {
        continue;
      }
      for (MethodPattern p : includes) {
        if (p.matchesClass(s.getName())) {
          Set<String> abstractMethods = abstractMethodNames(s);
          if (!abstractMethods.isEmpty()) {
            found.add(new SupertypeMatch(p, s.getName(), abstractMethods));
          }
        }
      }
      addSupertypes(s, todo);
    }
    if (!found.isEmpty()) {
      supertypeFound.accept(type.getName()); // its own subtypes may mention only it
    } else if (type.isInterface() || type.isAbstract()) {
      for (MethodPattern p : includes) {
        if (p.matchesClass(type.getName())) {
          supertypeFound.accept(type.getName()); // a glob matched an abstract type
          break;
        }
      }
    }
    if (hierarchy.size() > 10_000) {
      hierarchy.clear(); // a bound, not an eviction policy: rebuilt on demand
    }
    hierarchy.put(type.getName(), found);
    return found;
  }

  private static void addSupertypes(TypeDescription type, Deque<TypeDescription> todo) {
    try {
      TypeDescription.Generic superClass = type.getSuperClass();
      if (superClass != null && !superClass.asErasure().represents(Object.class)) {
        todo.add(superClass.asErasure());
      }
      for (TypeDescription.Generic i : type.getInterfaces()) {
        todo.add(i.asErasure());
      }
    } catch (RuntimeException unresolvable) {
      // A supertype whose class file cannot be found names nothing we could match.
    }
  }

  /** Abstract methods {@code type} declares or inherits from its supertypes (by name). */
  private static Set<String> abstractMethodNames(TypeDescription type) {
    Set<String> names = new HashSet<>();
    Set<String> visited = new HashSet<>();
    Deque<TypeDescription> todo = new ArrayDeque<>();
    todo.add(type);
    while (!todo.isEmpty() && visited.size() < 256) {
      TypeDescription t = todo.poll();
      if (!visited.add(t.getName())) {
        continue;
      }
      try {
        for (MethodDescription m : t.getDeclaredMethods()) {
          if (m.isAbstract() && m.isMethod()) {
            names.add(m.getName());
          }
        }
      } catch (RuntimeException unresolvable) {
        continue;
      }
      addSupertypes(t, todo);
    }
    return names;
  }

  /** A supertype an include pattern names. */
  private static final class SupertypeMatch {
    final MethodPattern pattern;
    final String supertype;
    final Set<String> abstractMethods;

    SupertypeMatch(MethodPattern pattern, String supertype, Set<String> abstractMethods) {
      this.pattern = pattern;
      this.supertype = supertype;
      this.abstractMethods = abstractMethods;
    }
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
    String value = stringProperty(a, "value");
    return value.isEmpty() ? fallback : value;
  }

  /** On a type, {@code value()} replaces the class part of {@code pkg.Class.method}. */
  private static String typeNameOr(AnnotationDescription a, TypeDescription type) {
    String value = stringProperty(a, "value");
    return value.isEmpty() ? type.getName() : value;
  }

  /** A string attribute of the annotation, trimmed; empty when absent or unreadable. */
  private static String stringProperty(AnnotationDescription a, String name) {
    try {
      for (MethodDescription.InDefinedShape property : a.getAnnotationType().getDeclaredMethods()) {
        if (property.getName().equals(name)) {
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
