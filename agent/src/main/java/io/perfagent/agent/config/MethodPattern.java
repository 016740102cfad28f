package io.perfagent.agent.config;

import java.util.Objects;

/**
 * A method named in configuration: {@code pkg.Class#method}, or {@code pkg.Class#*} for every
 * method the class declares. Nested classes use their binary name ({@code pkg.Outer$Inner}).
 */
public final class MethodPattern {

  /** The method-name wildcard. */
  public static final String ANY = "*";

  private final String className;
  private final String methodName;

  private MethodPattern(String className, String methodName) {
    this.className = className;
    this.methodName = methodName;
  }

  /**
   * Parses {@code pkg.Class#method}.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static MethodPattern parse(String text) {
    String s = text.trim();
    int hash = s.indexOf('#');
    if (hash <= 0 || hash == s.length() - 1 || s.indexOf('#', hash + 1) >= 0) {
      throw new IllegalArgumentException(
          "expected pkg.Class#method or pkg.Class#*, got '" + text + "'");
    }
    String className = s.substring(0, hash);
    String methodName = s.substring(hash + 1);
    if (!isName(className, true) || !(methodName.equals(ANY) || isName(methodName, false))) {
      throw new IllegalArgumentException(
          "expected pkg.Class#method or pkg.Class#* with Java identifiers, got '" + text + "'");
    }
    return new MethodPattern(className, methodName);
  }

  private static boolean isName(String s, boolean dotted) {
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (dotted && c == '.') {
        if (start) {
          return false;
        }
        start = true;
      } else if (start ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c)) {
        start = false;
      } else {
        return false;
      }
    }
    return !start;
  }

  /** The binary class name, {@code pkg.Outer$Inner}. */
  public String className() {
    return className;
  }

  /** The method name, or {@link #ANY}. */
  public String methodName() {
    return methodName;
  }

  /** Whether this pattern names the given method of its class. */
  public boolean matchesMethod(String name) {
    return methodName.equals(ANY) || methodName.equals(name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MethodPattern
        && ((MethodPattern) o).className.equals(className)
        && ((MethodPattern) o).methodName.equals(methodName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(className, methodName);
  }

  @Override
  public String toString() {
    return className + '#' + methodName;
  }
}
