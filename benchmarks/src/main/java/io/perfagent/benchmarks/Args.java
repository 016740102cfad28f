package io.perfagent.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} command-line options; every key must be known, every value is checked. */
public final class Args {

  private final Map<String, String> values = new HashMap<>();

  private Args() {}

  /**
   * Parses {@code args}.
   *
   * @param known the keys (without {@code --}) this command accepts
   * @throws IllegalArgumentException naming the first unknown key or missing value
   */
  public static Args parse(List<String> args, List<String> known) {
    Args parsed = new Args();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
        throw new IllegalArgumentException(
            "unknown option '" + arg + "'; expected one of --" + String.join(", --", known));
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("option '" + arg + "' needs a value");
      }
      parsed.values.put(arg.substring(2), args.get(++i));
    }
    return parsed;
  }

  /** The value of {@code key}, or {@code fallback}. */
  public String get(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  /** The value of {@code key} as a positive int, or {@code fallback}. */
  public int positiveInt(String key, int fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new IllegalArgumentException("--" + key + " must be a positive integer, got '" + v + "'");
  }

  /** The value of {@code key} as an int ≥ 0, or {@code fallback}. */
  public int nonNegativeInt(String key, int fallback) {
    String v = values.get(key);
    if (v != null && v.trim().equals("0")) {
      return 0;
    }
    return positiveInt(key, fallback);
  }
}
