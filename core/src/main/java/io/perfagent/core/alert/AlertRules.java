package io.perfagent.core.alert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses alert rules, one per line ({@code #} starts a comment):
 *
 * <pre>
 * threshold process.memory.usage     warning=80% critical=90% for=5m
 * threshold orders.queue.depth       warning=100
 * latency   com.shop.Orders#*        p99 warning=500ms critical=1s min-calls=20 for=5m
 * errors    com.shop.*               warning=0.1% critical=1% min-calls=100 window=5m
 * budget    com.shop.Orders#place    p95&lt;200ms
 * budget    com.shop.Orders#place    errors&lt;0.1%
 * anomaly   *                        kind=leak
 * latency   com.shop.Batch#*         off
 * </pre>
 *
 * Options: {@code warning=}, {@code critical=} (thresholds: absolute, or {@code %} of the limit),
 * {@code for=} (how long before firing), {@code window=} (averaging or counting window), {@code
 * min-calls=}, {@code hysteresis=} (default 5 %), {@code name=}, and {@code off}. For each series,
 * the first matching rule of a type applies, so rules given by the user (read first) override the
 * {@link #DEFAULTS}. A bad line costs only itself: it is reported as one line and left out.
 */
public final class AlertRules {

  /** The built-in rules (REQUIREMENTS §3 D4, D5, D7, D20, D22), after the user's. */
  public static final String DEFAULTS =
      String.join(
          "\n",
          "threshold process.memory.usage warning=80% critical=90% for=5m",
          "threshold jvm.memory.used_after_last_gc warning=80% critical=90% for=5m",
          "threshold process.cpu.utilization warning=70% critical=90% window=5m for=5m",
          "threshold process.unix.file_descriptor.count warning=80% critical=90% for=5m",
          "threshold jvm.gc.time_fraction warning=10% critical=25% window=5m for=5m",
          "threshold *queue* warning=100 for=5m",
          "latency * p99 warning=500ms critical=1s min-calls=20 for=5m",
          "errors * warning=0.1% critical=1% min-calls=100 window=5m for=0s",
          "anomaly * for=0s");

  private static final Set<String> TYPES =
      new HashSet<>(java.util.Arrays.asList("threshold", "latency", "errors", "budget", "anomaly"));

  /**
   * The seeds' metric names (ALR-2, ALR-14), which are not indicator keys here: a rule naming one
   * is refused with the key meant, rather than silently never matching.
   */
  private static final Map<String, String> SEED_NAMES = new java.util.HashMap<>();

  static {
    SEED_NAMES.put("memory_usage", "process.memory.usage (RSS) or jvm.memory.used_after_last_gc");
    SEED_NAMES.put("memory", "process.memory.usage (RSS) or jvm.memory.used_after_last_gc");
    SEED_NAMES.put("memory_mb", "process.memory.usage (RSS) or jvm.memory.used_after_last_gc");
    SEED_NAMES.put("cpu_usage", "process.cpu.utilization");
    SEED_NAMES.put("cpu", "process.cpu.utilization");
    SEED_NAMES.put("threads", "jvm.thread.count");
    SEED_NAMES.put("open_file_descriptors", "process.unix.file_descriptor.count");
    SEED_NAMES.put("request_latency", "a latency rule: latency <method pattern> p99 warning=500ms");
    SEED_NAMES.put("active_connections", "the name of the application gauge that counts them");
  }

  private AlertRules() {}

  /** Rules and the problems found while reading them. */
  public static final class Parsed {
    private final List<Rule> rules;
    private final List<String> problems;

    Parsed(List<Rule> rules, List<String> problems) {
      this.rules = Collections.unmodifiableList(rules);
      this.problems = Collections.unmodifiableList(problems);
    }

    public List<Rule> rules() {
      return rules;
    }

    /** One line per rule left out: {@code <source> line N: <what is wrong>; expected …}. */
    public List<String> problems() {
      return problems;
    }
  }

  /** Parses rules from text; {@code source} names where they came from, for problem lines. */
  public static Parsed parse(String text, String source) {
    List<Rule> rules = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> names = new HashSet<>();
    String[] lines = text.split("\r?\n|;");
    boolean semicolons = !text.contains("\n") && text.contains(";");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf(" #");
      line = (line.trim().startsWith("#") ? "" : hash >= 0 ? line.substring(0, hash) : line).trim();
      if (line.isEmpty()) {
        continue;
      }
      String where = source + (semicolons ? " rule " : " line ") + (i + 1);
      try {
        Rule r = rule(line);
        if (!names.add(r.name())) {
          throw new IllegalArgumentException(
              "a second rule named '" + r.name() + "'; expected unique names (add name=...)");
        }
        rules.add(r);
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage() + " — rule left out: " + line);
      }
    }
    return new Parsed(rules, problems);
  }

  /** The built-in rules, new instances (rules keep state per engine). */
  public static List<Rule> defaults() {
    return parse(DEFAULTS, "defaults").rules();
  }

  /**
   * The budget an annotation declares for one method ({@code @Measured(budget = "p95<200ms")}), as
   * a rule named {@code budget:<method>:<spec>}.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static Rule budget(String method, String spec) {
    String s = spec.trim();
    return BudgetRule.parse(
        "budget:" + method + ":" + s,
        Glob.of(literal(method)),
        s,
        10,
        false,
        "budget " + method + " " + s + " (annotation)");
  }

  private static String literal(String method) {
    if (method.contains("*")) {
      throw new IllegalArgumentException("a method name, got '" + method + "'");
    }
    return method;
  }

  /** One rule from one line. */
  static Rule rule(String line) {
    String[] tokens = line.trim().split("\\s+");
    String type = tokens[0].toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "unknown rule type '"
              + tokens[0]
              + "'; expected threshold, latency, errors, budget or anomaly");
    }
    if (tokens.length < 2) {
      throw new IllegalArgumentException("no target; expected '" + type + " <pattern> ...'");
    }
    Glob target = Glob.of(tokens[1]);
    Map<String, String> options = new LinkedHashMap<>();
    List<String> words = new ArrayList<>();
    for (int i = 2; i < tokens.length; i++) {
      int eq = tokens[i].indexOf('=');
      if (eq > 0) {
        String key = tokens[i].substring(0, eq).toLowerCase(Locale.ROOT);
        if (options.put(key, tokens[i].substring(eq + 1)) != null) {
          throw new IllegalArgumentException("'" + key + "' given twice");
        }
      } else {
        words.add(tokens[i]);
      }
    }
    boolean off = words.remove("off");
    String name = options.remove("name");
    long forMillis =
        duration(
            options.remove("for"),
            "for",
            type.equals("anomaly") || type.equals("errors") ? 0 : 5 * 60_000);
    double hysteresis = fraction(options.remove("hysteresis"), "hysteresis", 0.05);
    Rule rule;
    switch (type) {
      case "threshold":
        {
          Quantity warning = quantity(options.remove("warning"), "warning");
          Quantity critical = quantity(options.remove("critical"), "critical");
          long window = duration(options.remove("window"), "window", 0);
          noWords(words, "threshold <indicator> warning=<v> critical=<v>");
          if (!off && !warning.present() && !critical.present()) {
            throw new IllegalArgumentException(
                "no threshold; expected warning=<v> and/or critical=<v>"
                    + " (e.g. 80% of the limit, 1536MB, 100)");
          }
          ordered(warning, critical);
          String meant = SEED_NAMES.get(tokens[1]);
          if (meant != null) {
            throw new IllegalArgumentException(
                "unknown indicator '"
                    + tokens[1]
                    + "'; expected an indicator key or application gauge name: "
                    + meant);
          }
          rule =
              new ThresholdRule(
                  nameOr(name, type, tokens[1], null),
                  target,
                  warning,
                  critical,
                  window,
                  forMillis,
                  hysteresis,
                  off,
                  line);
          break;
        }
      case "latency":
        {
          int q = 99;
          if (!words.isEmpty() && words.get(0).matches("(?i)p(50|90|95|99)")) {
            q = Integer.parseInt(words.remove(0).substring(1));
          }
          noWords(
              words, "latency <method> [p50|p90|p95|p99] warning=<duration> critical=<duration>");
          Quantity warning = quantity(options.remove("warning"), "warning");
          Quantity critical = quantity(options.remove("critical"), "critical");
          if (warning.relative || critical.relative) {
            throw new IllegalArgumentException("a latency threshold is a duration such as 500ms");
          }
          if (!off && !warning.present() && !critical.present()) {
            throw new IllegalArgumentException(
                "no threshold; expected warning=500ms and/or critical=1s");
          }
          ordered(warning, critical);
          long minCalls = count(options.remove("min-calls"), "min-calls", 20);
          rule =
              new LatencyRule(
                  nameOr(name, type, tokens[1], "p" + q),
                  target,
                  q,
                  warning.value,
                  critical.value,
                  minCalls,
                  forMillis,
                  hysteresis,
                  off,
                  line);
          break;
        }
      case "errors":
        {
          noWords(words, "errors <method> warning=<percent> critical=<percent>");
          Quantity warning = quantity(options.remove("warning"), "warning");
          Quantity critical = quantity(options.remove("critical"), "critical");
          if ((warning.present() && !warning.relative)
              || (critical.present() && !critical.relative)) {
            throw new IllegalArgumentException("an error threshold is a percentage such as 0.1%");
          }
          if (!off && !warning.present() && !critical.present()) {
            throw new IllegalArgumentException(
                "no threshold; expected warning=0.1% and/or critical=1%");
          }
          ordered(warning, critical);
          long minCalls = count(options.remove("min-calls"), "min-calls", 100);
          long window = duration(options.remove("window"), "window", 5 * 60_000);
          if (window <= 0) {
            throw new IllegalArgumentException("window must be longer than 0");
          }
          rule =
              new ErrorRule(
                  nameOr(name, type, tokens[1], null),
                  target,
                  warning.value,
                  critical.value,
                  minCalls,
                  window,
                  forMillis,
                  hysteresis,
                  off,
                  line);
          break;
        }
      case "budget":
        {
          if (words.size() != 1) {
            throw new IllegalArgumentException(
                "expected one budget: budget <method> p95<200ms | errors<0.1%");
          }
          long minCalls = count(options.remove("min-calls"), "min-calls", 10);
          String spec = words.get(0);
          rule =
              BudgetRule.parse(
                  nameOr(name, type, tokens[1], spec), target, spec, minCalls, off, line);
          break;
        }
      default:
        {
          noWords(words, "anomaly <series> [kind=<kind>]");
          String kinds = options.remove("kind");
          rule =
              new AnomalyRule(
                  nameOr(name, type, tokens[1], kinds),
                  target,
                  Glob.of(kinds == null ? "*" : kinds),
                  forMillis,
                  off,
                  line);
        }
    }
    if (!options.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown option '"
              + options.keySet().iterator().next()
              + "'; expected warning, critical, for, window, min-calls, hysteresis, name, kind or off");
    }
    return rule;
  }

  private static String nameOr(
      @Nullable String name, String type, String target, @Nullable String detail) {
    return name != null ? name : type + ":" + target + (detail == null ? "" : ":" + detail);
  }

  private static void noWords(List<String> words, String expected) {
    if (!words.isEmpty()) {
      throw new IllegalArgumentException("unexpected '" + words.get(0) + "'; expected " + expected);
    }
  }

  private static void ordered(Quantity warning, Quantity critical) {
    if (warning.present()
        && critical.present()
        && (warning.relative != critical.relative || warning.value > critical.value)) {
      throw new IllegalArgumentException(
          "warning must be at most critical, in the same kind of unit");
    }
  }

  private static Quantity quantity(@Nullable String text, String key) {
    if (text == null) {
      return Quantity.NONE;
    }
    try {
      return Quantity.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage());
    }
  }

  private static double fraction(@Nullable String text, String key, double fallback) {
    if (text == null) {
      return fallback;
    }
    Quantity q = quantity(text, key);
    if (!q.relative || q.value >= 1) {
      throw new IllegalArgumentException(
          key + ": expected a percentage below 100%, got '" + text + "'");
    }
    return q.value;
  }

  private static long count(@Nullable String text, String key, long fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      long v = Long.parseLong(text.trim());
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(key + ": expected a whole number ≥ 0, got '" + text + "'");
  }

  /** {@code 0}, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 3d}. */
  static long duration(@Nullable String text, String key, long fallback) {
    if (text == null) {
      return fallback;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    String unit = t.substring(i);
    long factor =
        unit.equals("ms")
            ? 1
            : unit.equals("s")
                ? 1_000
                : unit.equals("m")
                    ? 60_000
                    : unit.equals("h")
                        ? 3_600_000
                        : unit.equals("d") ? 86_400_000 : unit.isEmpty() && t.equals("0") ? 0 : -1;
    if (i == 0 || i > 9 || factor < 0) {
      throw new IllegalArgumentException(
          key + ": expected a duration such as 0s, 30s, 5m, 1h or 3d, got '" + text + "'");
    }
    return Long.parseLong(t.substring(0, i)) * factor;
  }

  /** 300000 → {@code 5m}, 3600000 → {@code 1h}, 259200000 → {@code 3d}. */
  public static String durationText(long millis) {
    if (millis > 0 && millis % 86_400_000 == 0) {
      return millis / 86_400_000 + "d";
    }
    if (millis > 0 && millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis > 0 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
  }
}
