package io.perfagent.core.alert;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A name pattern of a rule: {@code *} matches any run of characters; {@code pkg.Class#method} (the
 * configuration's method syntax) matches the metric's {@code pkg.Class.method}.
 */
final class Glob {

  private final String text;
  private final Pattern pattern;
  private final boolean any;

  /** The name to compare with equals() when the pattern has no wildcard; else null. */
  private final @Nullable String literal;

  private Glob(String text) {
    this.text = text;
    StringBuilder regex = new StringBuilder();
    String[] parts = text.replace('#', '.').split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      if (!parts[i].isEmpty()) {
        regex.append(Pattern.quote(parts[i]));
      }
    }
    this.pattern = Pattern.compile(regex.toString());
    this.any = text.equals("*");
    this.literal = text.indexOf('*') < 0 ? text.replace('#', '.') : null;
  }

  static Glob of(String text) {
    if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("expected a name or pattern with *, got '" + text + "'");
    }
    return new Glob(text);
  }

  boolean matches(String name) {
    // The common shapes without a regex: rules are matched against every method every cycle.
    if (any) {
      return true;
    }
    return literal != null ? literal.equals(name) : pattern.matcher(name).matches();
  }

  boolean isLiteral() {
    return text.indexOf('*') < 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
