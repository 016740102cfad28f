package io.perfagent.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One entry of {@code perf.instrument.methods}. Three forms:
 *
 * <ul>
 *   <li>{@code pkg.Class#method}: the methods of a class; both parts may be globs: {@code *} and
 *       {@code ?} stay within one name ({@code *Service}, {@code get*}), {@code **} spans any
 *       number of packages ({@code com.shop.**.*Service#*}). A pattern naming an interface or an
 *       abstract method also selects the implementations.
 *   <li>{@code !pkg.Class[#method]}: an exclude; wins over every include (annotations in code
 *       excepted: perf's own {@code @Measured} / {@code @Counted} always apply).
 *   <li>{@code @pkg.Annotation[#method]}: every public method of classes annotated with it (by
 *       name), and every method annotated with it.
 * </ul>
 *
 * Nested classes use their binary name ({@code pkg.Outer$Inner}). Matching allocates nothing.
 */
public final class MethodPattern {

  /** The method-name wildcard. */
  public static final String ANY = "*";

  /** What a pattern does. */
  public enum Kind {
    INCLUDE,
    EXCLUDE,
    ANNOTATION
  }

  private static final String EXPECTED =
      "expected pkg.Class#method (globs: * and ? within a name, ** across packages),"
          + " !pkg.Class[#method] to exclude, or @pkg.Annotation[#method]";

  private final Kind kind;
  private final String classPart;
  private final String[] classSegments;
  private final String methodName;
  private final boolean exactClass;

  private MethodPattern(Kind kind, String classPart, String methodName) {
    this.kind = kind;
    this.classPart = classPart;
    this.classSegments = classPart.split("\\.", -1);
    this.methodName = methodName;
    this.exactClass = classPart.indexOf('*') < 0 && classPart.indexOf('?') < 0;
  }

  /**
   * Parses one pattern.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static MethodPattern parse(String text) {
    String s = text.trim();
    Kind kind = Kind.INCLUDE;
    if (s.startsWith("!")) {
      kind = Kind.EXCLUDE;
      s = s.substring(1).trim();
    } else if (s.startsWith("@")) {
      kind = Kind.ANNOTATION;
      s = s.substring(1).trim();
    }
    int hash = s.indexOf('#');
    String classPart;
    String methodPart;
    if (hash < 0) {
      if (kind == Kind.INCLUDE) {
        throw new IllegalArgumentException(EXPECTED + ", got '" + text.trim() + "'");
      }
      classPart = s;
      methodPart = ANY;
    } else {
      classPart = s.substring(0, hash);
      methodPart = s.substring(hash + 1);
    }
    boolean globs = kind != Kind.ANNOTATION;
    if (methodPart.indexOf('#') >= 0
        || !isDottedName(classPart, globs)
        || !isSegment(methodPart, true)) {
      throw new IllegalArgumentException(EXPECTED + ", got '" + text.trim() + "'");
    }
    return new MethodPattern(kind, classPart, methodPart);
  }

  /**
   * Parses a list separated by {@code ;} or {@code ,}; each bad entry adds one line to {@code
   * problems} naming it, and the others apply.
   */
  public static List<MethodPattern> parseAll(String text, List<String> problems) {
    List<MethodPattern> patterns = new ArrayList<>();
    for (String part : text.split("[;,]")) {
      if (part.trim().isEmpty()) {
        continue;
      }
      try {
        patterns.add(parse(part));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    return Collections.unmodifiableList(patterns);
  }

  private static boolean isDottedName(String s, boolean globs) {
    if (s.isEmpty()) {
      return false;
    }
    for (String segment : s.split("\\.", -1)) {
      if (!(globs && segment.equals("**")) && !isSegment(segment, globs)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSegment(String s, boolean globs) {
    if (s.isEmpty() || s.contains("**")) {
      return false; // ** only as a whole package segment
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (globs && (c == '*' || c == '?'))
              || (i == 0 ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The class part as written: a binary class name, a glob, or (for {@link Kind#ANNOTATION}) the
   * annotation's name.
   */
  public String className() {
    return classPart;
  }

  /** Whether the class part is a plain name (no wildcard). */
  public boolean isExactClass() {
    return exactClass;
  }

  /** The method name or glob, {@link #ANY} for all. */
  public String methodName() {
    return methodName;
  }

  /** Whether the class part matches a binary name ({@code pkg.Outer$Inner}). */
  public boolean matchesClass(String binaryName) {
    return exactClass ? classPart.equals(binaryName) : matchesFrom(0, binaryName, 0, '.');
  }

  /** Whether the class part matches an internal name ({@code pkg/Outer$Inner}). */
  public boolean matchesInternalName(String internalName) {
    return matchesFrom(0, internalName, 0, '/');
  }

  /** Whether this pattern names the given method (of a class it matches). */
  public boolean matchesMethod(String name) {
    return methodName.equals(ANY) || globMatches(methodName, name, 0, name.length());
  }

  /** Segment-wise glob match of {@code name} from {@code start}; {@code **} spans segments. */
  private boolean matchesFrom(int segment, String name, int start, char separator) {
    if (segment == classSegments.length) {
      return start > name.length();
    }
    String pattern = classSegments[segment];
    if (pattern.equals("**")) {
      if (matchesFrom(segment + 1, name, start, separator)) {
        return true;
      }
      if (start > name.length()) {
        return false;
      }
      int end = name.indexOf(separator, start);
      return matchesFrom(segment, name, (end < 0 ? name.length() : end) + 1, separator);
    }
    if (start > name.length()) {
      return false;
    }
    int end = name.indexOf(separator, start);
    if (end < 0) {
      end = name.length();
    }
    return globMatches(pattern, name, start, end)
        && matchesFrom(segment + 1, name, end + 1, separator);
  }

  /**
   * {@code *} and {@code ?} against {@code name[from, to)}; iterative, with one backtrack point.
   */
  static boolean globMatches(String pattern, String name, int from, int to) {
    int p = 0;
    int n = from;
    int star = -1;
    int mark = 0;
    while (n < to) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
        p++;
        n++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = n;
      } else if (star >= 0) {
        p = star + 1;
        n = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MethodPattern && o.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, classPart, methodName);
  }

  @Override
  public String toString() {
    String prefix = kind == Kind.EXCLUDE ? "!" : kind == Kind.ANNOTATION ? "@" : "";
    return prefix + classPart + '#' + methodName;
  }
}
