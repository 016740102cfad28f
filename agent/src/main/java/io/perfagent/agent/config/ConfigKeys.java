package io.perfagent.agent.config;

import io.perfagent.agent.log.AgentLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every {@code perf.*} key the agent reads. The README's configuration table and {@code --help}
 * are generated from this list, so the documentation cannot drift from the code.
 */
public final class ConfigKeys {

  public static final ConfigKey<Boolean> ENABLED =
      new ConfigKey<>(
          "perf.enabled", "true", "false turns the agent into a no-op.", Parse.BOOLEAN);

  public static final ConfigKey<String> CONFIG_FILE =
      new ConfigKey<>(
          "perf.config.file",
          "",
          "A properties file with perf.* and otel.* keys; the lowest-priority source.",
          Parse.TEXT);

  public static final ConfigKey<AgentLog.Level> LOG_LEVEL =
      new ConfigKey<>(
          "perf.log.level",
          "info",
          "The agent's own log on stderr: debug, info, warn, error or off.",
          Parse.LOG_LEVEL);

  public static final ConfigKey<Boolean> WITH_SPAN =
      new ConfigKey<>(
          "perf.instrument.withspan",
          "true",
          "Measure methods annotated with OpenTelemetry's @WithSpan (timed).",
          Parse.BOOLEAN);

  public static final ConfigKey<Boolean> MICROMETER =
      new ConfigKey<>(
          "perf.instrument.micrometer",
          "true",
          "Measure methods annotated with Micrometer's @Timed (timed) and @Counted (counted).",
          Parse.BOOLEAN);

  public static final ConfigKey<List<MethodPattern>> METHODS =
      new ConfigKey<>(
          "perf.instrument.methods",
          "",
          "Methods to time with no code change: pkg.Class#method or pkg.Class#*, separated by ; or ,",
          Parse.METHODS);

  public static final ConfigKey<Integer> MAX_METHODS =
      new ConfigKey<>(
          "perf.instrument.max-methods",
          "10000",
          "At most this many methods are measured (a cardinality cap); 1 to 1000000.",
          Parse.intInRange(1, 1_000_000));

  public static final ConfigKey<Long> SAMPLE_INTERVAL =
      new ConfigKey<>(
          "perf.sample.interval",
          "10s",
          "How often process and JVM resources are sampled: 500ms, 10s, 1m (100ms to 1h).",
          Parse.DURATION_MILLIS);

  public static final ConfigKey<Integer> EXPORT_MAX_BATCH_POINTS =
      new ConfigKey<>(
          "perf.export.max-batch-points",
          "2000",
          "At most this many points per export request (each request also stays under about"
              + " 512 KiB); 1 to 1000000.",
          Parse.intInRange(1, 1_000_000));

  public static final ConfigKey<Long> EXPORT_SHUTDOWN_TIMEOUT =
      new ConfigKey<>(
          "perf.export.shutdown-timeout",
          "5s",
          "How long the JVM's exit may wait for the final export: 500ms, 5s, 1m (100ms to 1h).",
          Parse.DURATION_MILLIS);

  /** All keys, in documentation order. */
  public static final List<ConfigKey<?>> ALL =
      Collections.unmodifiableList(
          Arrays.asList(
              ENABLED, CONFIG_FILE, LOG_LEVEL, WITH_SPAN, MICROMETER, METHODS, MAX_METHODS,
              SAMPLE_INTERVAL, EXPORT_MAX_BATCH_POINTS, EXPORT_SHUTDOWN_TIMEOUT));

  private ConfigKeys() {}

  /**
   * The parsers, as plain classes: configuration is read in {@code premain}, and the first lambda
   * in a JVM would bootstrap {@code java.lang.invoke} on the application's main thread.
   */
  private static final class Parse<T> implements Function<String, T> {
    static final Parse<Boolean> BOOLEAN = new Parse<>(0, 0, 0);
    static final Parse<String> TEXT = new Parse<>(1, 0, 0);
    static final Parse<AgentLog.Level> LOG_LEVEL = new Parse<>(2, 0, 0);
    static final Parse<List<MethodPattern>> METHODS = new Parse<>(3, 0, 0);
    static final Parse<Long> DURATION_MILLIS = new Parse<>(5, 100, 3_600_000);

    static Parse<Integer> intInRange(int min, int max) {
      return new Parse<>(4, min, max);
    }

    private final int kind;
    private final int min;
    private final int max;

    private Parse(int kind, int min, int max) {
      this.kind = kind;
      this.min = min;
      this.max = max;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T apply(String s) {
      switch (kind) {
        case 0:
          return (T) Boolean.valueOf(bool(s));
        case 1:
          return (T) s.trim();
        case 2:
          return (T) AgentLog.parseLevel(s);
        case 3:
          return (T) methods(s);
        case 5:
          return (T) Long.valueOf(durationMillis(s, min, max));
        default:
          return (T) Integer.valueOf(ConfigKeys.intInRange(s, min, max));
      }
    }
  }

  /** The key of that name, or {@code null}. */
  static ConfigKey<?> byName(String name) {
    for (ConfigKey<?> key : ALL) {
      if (key.name().equals(name)) {
        return key;
      }
    }
    return null;
  }

  static boolean bool(String s) {
    switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("expected true or false");
    }
  }

  static int intInRange(String s, int min, int max) {
    int value;
    try {
      value = Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
    }
    return value;
  }

  /** {@code 500ms}, {@code 10s}, {@code 1m}, {@code 1h}, or plain milliseconds. */
  static long durationMillis(String s, long min, long max) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    String unit = t.substring(i);
    long factor =
        unit.isEmpty() || unit.equals("ms") ? 1
            : unit.equals("s") ? 1_000
            : unit.equals("m") ? 60_000
            : unit.equals("h") ? 3_600_000
            : -1;
    if (i == 0 || i > 12 || factor < 0) {
      throw new IllegalArgumentException("expected a duration such as 500ms, 10s or 1m");
    }
    long millis = Long.parseLong(t.substring(0, i)) * factor;
    if (millis < min || millis > max) {
      throw new IllegalArgumentException("expected a duration from 100ms to 1h");
    }
    return millis;
  }

  static List<MethodPattern> methods(String s) {
    List<MethodPattern> patterns = new ArrayList<>();
    for (String part : s.split("[;,]")) {
      if (!part.trim().isEmpty()) {
        patterns.add(MethodPattern.parse(part));
      }
    }
    return Collections.unmodifiableList(patterns);
  }
}
