package io.perfagent.agent.config;

import io.perfagent.agent.log.AgentLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every {@code perf.*} key the agent reads. {@code --help} is generated from this list, and a test
 * ({@code ConfigKeysTest}) checks the README's configuration table against it: a key added here
 * needs its row there (name, environment variable, default), in the same order.
 */
public final class ConfigKeys {

  public static final ConfigKey<Boolean> ENABLED =
      new ConfigKey<>("perf.enabled", "true", "false turns the agent into a no-op.", Parse.BOOLEAN);

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
          "Methods to time with no code change, separated by ; or ,: pkg.Class#method (globs:"
              + " com.shop.**.*Service#get*), !pkg.Class[#method] excludes, @pkg.Annotation[#method]"
              + " selects the public methods of annotated classes.",
          Parse.METHODS);

  public static final ConfigKey<Integer> MAX_METHODS =
      new ConfigKey<>(
          "perf.instrument.max-methods",
          "10000",
          "At most this many methods are measured (a cardinality cap); 1 to 1000000.",
          Parse.intInRange(1, 1_000_000));

  public static final ConfigKey<Double> OVERHEAD_BUDGET =
      new ConfigKey<>(
          "perf.overhead.budget",
          "1",
          "CPU the agent may spend timing calls, in percent of one core (0 to 100; 0: time every"
              + " call). Above it, the hottest methods time 1 call in N; every call is still counted.",
          Parse.BUDGET_PERCENT);
  public static final ConfigKey<Boolean> ASYNC =
      new ConfigKey<>(
          "perf.instrument.async",
          "true",
          "Time a method returning a CompletionStage, Mono, Flux or ListenableFuture until its"
              + " result completes; false times only the return of the future.",
          Parse.BOOLEAN);

  public static final ConfigKey<Boolean> RECURSION =
      new ConfigKey<>(
          "perf.instrument.recursion",
          "true",
          "Give a measured method that calls itself a copy for its recursion, so that a deep"
              + " recursion gets as deep as unmeasured; false measures every frame in full.",
          Parse.BOOLEAN);

  public static final ConfigKey<Long> UNMATCHED_AFTER =
      new ConfigKey<>(
          "perf.instrument.unmatched-after",
          "60s",
          "How long after start (or reload) each perf.instrument.methods pattern that has selected"
              + " nothing gets one line saying why (1s to 1h).",
          Parse.durationMillis(1_000, 3_600_000));

  public static final ConfigKey<Boolean> EXECUTORS =
      new ConfigKey<>(
          "perf.instrument.executors",
          "true",
          "Find every ThreadPoolExecutor and ForkJoinPool the application makes and sample queue"
              + " size, active threads and completed tasks per second as gauges.",
          Parse.BOOLEAN);

  public static final ConfigKey<Long> SAMPLE_INTERVAL =
      new ConfigKey<>(
          "perf.sample.interval",
          "10s",
          "How often process and JVM resources are sampled: 500ms, 10s, 1m (100ms to 1h).",
          Parse.DURATION_MILLIS);

  public static final ConfigKey<String> STATE_DIR =
      new ConfigKey<>(
          "perf.state.dir",
          "",
          "Where history and baseline files live; default ${XDG_STATE_HOME:-~/.local/state}/perf-agent/<service.name>.",
          Parse.TEXT);

  public static final ConfigKey<Long> ANALYSIS_INTERVAL =
      new ConfigKey<>(
          "perf.analysis.interval",
          "60s",
          "How often a cycle is judged against the baseline and written to history (1s to 1h).",
          Parse.durationMillis(1_000, 3_600_000));

  public static final ConfigKey<Long> BASELINE_WINDOW =
      new ConfigKey<>(
          "perf.baseline.window",
          "7d",
          "How far back the rolling baseline looks, in whole hours: 24h, 7d (1h to 366d).",
          Parse.durationMillis(3_600_000, 366L * 86_400_000));

  public static final ConfigKey<Boolean> BASELINE_PIN =
      new ConfigKey<>(
          "perf.baseline.pin",
          "false",
          "true keeps the baseline as it is: cycles are judged but nothing is learned.",
          Parse.BOOLEAN);

  public static final ConfigKey<Long> HISTORY_MAX_SIZE =
      new ConfigKey<>(
          "perf.history.max-size",
          "1MB",
          "perfwatch.jsonl is rotated (gzip) when it reaches this size: 512KB, 1MB (64KB to 1GB).",
          Parse.BYTES);

  public static final ConfigKey<Integer> HISTORY_FILES =
      new ConfigKey<>(
          "perf.history.files",
          "5",
          "How many rotated, compressed history files are kept (1 to 100).",
          Parse.intInRange(1, 100));

  public static final ConfigKey<double[]> LEVEL_THRESHOLDS =
      new ConfigKey<>(
          "perf.level.thresholds",
          "15,30,50",
          "Percent worse than baseline for Minor, Moderate, Critical (increasing, each 1 to 1000).",
          Parse.THRESHOLDS);

  public static final ConfigKey<Integer> LEVEL_MIN_CALLS =
      new ConfigKey<>(
          "perf.level.min-calls",
          "200",
          "A method's cycle needs this many calls for its p95 to be judged (1 to 1000000).",
          Parse.intInRange(1, 1_000_000));

  public static final ConfigKey<Long> LEVEL_MIN_DELTA =
      new ConfigKey<>(
          "perf.level.min-delta",
          "1ms",
          "A method's p95 must be at least this much above baseline to count: 0ms, 500us, 1ms.",
          Parse.DURATION_NANOS);

  public static final ConfigKey<Integer> DETECT_PERSIST_CYCLES =
      new ConfigKey<>(
          "perf.detect.persist-cycles",
          "3",
          "Cycles a level must hold to become an anomaly, and Normal cycles to resolve it (1 to 100).",
          Parse.intInRange(1, 100));

  public static final ConfigKey<Double> DETECT_STEP_MIN_EFFECT =
      new ConfigKey<>(
          "perf.detect.step.min-effect",
          "15",
          "Smallest lasting step change reported, in percent of the value before it (1 to 1000).",
          Parse.PERCENT);

  public static final ConfigKey<Boolean> JFR_ON_CRITICAL =
      new ConfigKey<>(
          "perf.jfr.on-critical",
          "false",
          "Record perf.jfr.duration of Java Flight Recorder into jfr/ in the state directory when"
              + " a critical anomaly opens (at most one an hour, the newest 5 kept): true or false.",
          Parse.BOOLEAN);

  public static final ConfigKey<Long> JFR_DURATION =
      new ConfigKey<>(
          "perf.jfr.duration",
          "30s",
          "How long a recording taken on a critical anomaly lasts: 10s, 30s, 2m (1s to 10m).",
          Parse.durationMillis(1_000, 600_000));

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

  public static final ConfigKey<Integer> ENDPOINT_PORT =
      new ConfigKey<>(
          "perf.endpoint.port",
          "9001",
          "Port of the local HTTP endpoint (JSON, Prometheus, health): 1 to 65535, 0 for any free port, off.",
          Parse.PORT);

  public static final ConfigKey<String> ENDPOINT_HOST =
      new ConfigKey<>(
          "perf.endpoint.host",
          "127.0.0.1",
          "Address the endpoint binds to; anything but loopback needs perf.endpoint.token.",
          Parse.TEXT);

  public static final ConfigKey<String> ENDPOINT_TOKEN =
      new ConfigKey<>(
          "perf.endpoint.token",
          "",
          "When set, every request needs Authorization: Bearer <token>; never shown or logged.",
          Parse.TEXT);

  public static final ConfigKey<String> RULES_FILE =
      new ConfigKey<>(
          "perf.rules.file",
          "",
          "A file of alert rules, one per line (README: Alerts); each bad rule is reported and left out.",
          Parse.TEXT);

  public static final ConfigKey<String> ALERT_RULES =
      new ConfigKey<>(
          "perf.alert.rules",
          "",
          "Alert rules in the rules-file syntax, separated by ; (read before perf.rules.file).",
          Parse.TEXT);

  public static final ConfigKey<Boolean> ALERT_DEFAULTS =
      new ConfigKey<>(
          "perf.alert.defaults",
          "true",
          "false drops the built-in alert rules (memory, CPU, fds, GC, queues, p99, errors, anomalies).",
          Parse.BOOLEAN);

  public static final ConfigKey<String> ALERT_WEBHOOK =
      new ConfigKey<>(
          "perf.alert.webhook",
          "",
          "An http(s) URL that receives every alert that fires, changes severity or resolves as a JSON POST.",
          Parse.TEXT);

  public static final ConfigKey<String> ALERT_WEBHOOK_HEADERS =
      new ConfigKey<>(
          "perf.alert.webhook.headers",
          "",
          "Headers sent with each webhook POST: name=value separated by , (e.g. a token); never logged.",
          Parse.TEXT);

  public static final ConfigKey<Boolean> ALERT_THREAD_DUMP =
      new ConfigKey<>(
          "perf.alert.thread-dump",
          "false",
          "On a critical alert, write a thread dump into the state dir (at most one per 10 minutes).",
          Parse.BOOLEAN);

  /** All keys, in documentation order. */
  public static final List<ConfigKey<?>> ALL =
      Collections.unmodifiableList(
          Arrays.asList(
              ENABLED,
              CONFIG_FILE,
              LOG_LEVEL,
              WITH_SPAN,
              MICROMETER,
              METHODS,
              MAX_METHODS,
              ASYNC,
              RECURSION,
              UNMATCHED_AFTER,
              EXECUTORS,
              OVERHEAD_BUDGET,
              SAMPLE_INTERVAL,
              EXPORT_MAX_BATCH_POINTS,
              EXPORT_SHUTDOWN_TIMEOUT,
              STATE_DIR,
              ANALYSIS_INTERVAL,
              BASELINE_WINDOW,
              BASELINE_PIN,
              HISTORY_MAX_SIZE,
              HISTORY_FILES,
              LEVEL_THRESHOLDS,
              LEVEL_MIN_CALLS,
              LEVEL_MIN_DELTA,
              DETECT_PERSIST_CYCLES,
              DETECT_STEP_MIN_EFFECT,
              JFR_ON_CRITICAL,
              JFR_DURATION,
              ENDPOINT_PORT,
              ENDPOINT_HOST,
              ENDPOINT_TOKEN,
              RULES_FILE,
              ALERT_RULES,
              ALERT_DEFAULTS,
              ALERT_WEBHOOK,
              ALERT_WEBHOOK_HEADERS,
              ALERT_THREAD_DUMP));

  /** The keys a reload applies while the agent runs; every other one needs a restart. */
  public static final List<ConfigKey<?>> LIVE =
      Collections.unmodifiableList(
          Arrays.asList(
              LOG_LEVEL,
              WITH_SPAN,
              MICROMETER,
              METHODS,
              ASYNC,
              UNMATCHED_AFTER,
              SAMPLE_INTERVAL,
              ANALYSIS_INTERVAL,
              BASELINE_PIN,
              LEVEL_THRESHOLDS,
              LEVEL_MIN_CALLS,
              LEVEL_MIN_DELTA,
              ENDPOINT_PORT,
              ENDPOINT_HOST,
              ENDPOINT_TOKEN,
              RULES_FILE,
              ALERT_RULES,
              ALERT_DEFAULTS));

  private ConfigKeys() {}

  /**
   * The parsers, as plain classes: configuration is read in {@code premain}, and the first lambda
   * in a JVM would bootstrap {@code java.lang.invoke} on the application's main thread.
   */
  private static final class Parse<T> implements Function<String, T> {
    /** What a value is read as; {@link #min} and {@link #max} bound the numeric kinds. */
    private enum Kind {
      BOOLEAN,
      TEXT,
      LOG_LEVEL,
      METHODS,
      INT_IN_RANGE,
      DURATION_MILLIS,
      BYTES,
      THRESHOLDS,
      DURATION_NANOS,
      PORT,
      PERCENT
    }

    static final Parse<Boolean> BOOLEAN = new Parse<>(Kind.BOOLEAN, 0, 0);
    static final Parse<String> TEXT = new Parse<>(Kind.TEXT, 0, 0);
    static final Parse<AgentLog.Level> LOG_LEVEL = new Parse<>(Kind.LOG_LEVEL, 0, 0);
    static final Parse<List<MethodPattern>> METHODS = new Parse<>(Kind.METHODS, 0, 0);
    static final Parse<Long> DURATION_MILLIS = durationMillis(100, 3_600_000);
    static final Parse<Long> BYTES = new Parse<>(Kind.BYTES, 64 << 10, 1 << 30);
    static final Parse<double[]> THRESHOLDS = new Parse<>(Kind.THRESHOLDS, 0, 0);
    static final Parse<Long> DURATION_NANOS = new Parse<>(Kind.DURATION_NANOS, 0, 0);
    static final Parse<Double> PERCENT = new Parse<>(Kind.PERCENT, 1, 1000);
    static final Parse<Double> BUDGET_PERCENT = new Parse<>(Kind.PERCENT, 0, 100);
    static final Parse<Integer> PORT = new Parse<>(Kind.PORT, 0, 0);

    static Parse<Long> durationMillis(long min, long max) {
      return new Parse<>(Kind.DURATION_MILLIS, min, max);
    }

    static Parse<Integer> intInRange(int min, int max) {
      return new Parse<>(Kind.INT_IN_RANGE, min, max);
    }

    private final Kind kind;
    private final long min;
    private final long max;

    private Parse(Kind kind, long min, long max) {
      this.kind = kind;
      this.min = min;
      this.max = max;
    }

    @Override
    @SuppressWarnings("unchecked") // each constant's T is the type its kind returns
    public T apply(String s) {
      switch (kind) {
        case BOOLEAN:
          return (T) Boolean.valueOf(bool(s));
        case TEXT:
          return (T) s.trim();
        case LOG_LEVEL:
          return (T) AgentLog.parseLevel(s);
        case METHODS:
          return (T) methods(s);
        case INT_IN_RANGE:
          return (T) Integer.valueOf(ConfigKeys.intInRange(s, (int) min, (int) max));
        case DURATION_MILLIS:
          return (T) Long.valueOf(ConfigKeys.durationMillis(s, min, max));
        case BYTES:
          return (T) Long.valueOf(bytes(s, min, max));
        case THRESHOLDS:
          return (T) thresholds(s);
        case DURATION_NANOS:
          return (T) Long.valueOf(durationNanos(s));
        case PORT:
          return (T) Integer.valueOf(port(s));
        case PERCENT:
          return (T) Double.valueOf(percent(s, min, max));
      }
      throw new AssertionError(kind);
    }
  }

  /** Sentinel of {@code perf.endpoint.port=off}. */
  public static final int PORT_OFF = -1;

  /** A TCP port, 0 for an ephemeral one, or {@code off} ({@link #PORT_OFF}). */
  static int port(String s) {
    String t = s.trim();
    if (t.equalsIgnoreCase("off") || t.equalsIgnoreCase("false") || t.equalsIgnoreCase("none")) {
      return PORT_OFF;
    }
    try {
      int p = Integer.parseInt(t);
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        "expected a port 1 to 65535, 0 for any free port, or off, got '" + s + "'");
  }

  /** The key of that name, or {@code null}. */
  static @Nullable ConfigKey<?> byName(String name) {
    for (ConfigKey<?> key : ALL) {
      if (key.name().equals(name)) {
        return key;
      }
    }
    return null;
  }

  /** The key read from that environment variable ({@code PERF_ENABLED}), or {@code null}. */
  static @Nullable ConfigKey<?> byEnvName(String envName) {
    for (ConfigKey<?> key : ALL) {
      if (key.envName().equals(envName)) {
        return key;
      }
    }
    return null;
  }

  /** Every key's name, comma-separated, for a message listing what is known. */
  static String names() {
    List<String> names = new ArrayList<>();
    for (ConfigKey<?> key : ALL) {
      names.add(key.name());
    }
    return String.join(", ", names);
  }

  /** Every key's environment variable, comma-separated, for a message listing what is known. */
  static String envNames() {
    List<String> names = new ArrayList<>();
    for (ConfigKey<?> key : ALL) {
      names.add(key.envName());
    }
    return String.join(", ", names);
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

  /** {@code 500ms}, {@code 10s}, {@code 1m}, {@code 1h}, {@code 7d}, or plain milliseconds. */
  static long durationMillis(String s, long min, long max) {
    long nanos = durationNanos(s);
    long millis = nanos / 1_000_000;
    if (nanos % 1_000_000 != 0 || millis < min || millis > max) {
      throw new IllegalArgumentException(
          "expected a duration from " + millisText(min) + " to " + millisText(max));
    }
    return millis;
  }

  /**
   * The one duration parser of the agent, for {@code perf.*} and {@code otel.*} keys alike: {@code
   * 250us}, {@code 1ms}, {@code 10s}, {@code 1m}, {@code 1h}, {@code 7d}, plain ms.
   */
  static long durationNanos(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    String unit = t.substring(i).trim();
    long factor =
        unit.equals("ns")
            ? 1
            : unit.equals("us") || unit.equals("µs")
                ? 1_000
                : unit.isEmpty() || unit.equals("ms")
                    ? 1_000_000
                    : unit.equals("s")
                        ? 1_000_000_000L
                        : unit.equals("m")
                            ? 60_000_000_000L
                            : unit.equals("h")
                                ? 3_600_000_000_000L
                                : unit.equals("d") ? 86_400_000_000_000L : -1;
    if (i == 0 || i > 9 || factor < 0) {
      throw new IllegalArgumentException("expected a duration such as 500ms, 10s, 1m or 7d");
    }
    try {
      return Math.multiplyExact(Long.parseLong(t.substring(0, i)), factor);
    } catch (ArithmeticException tooLong) { // 999999999d: more nanoseconds than a long holds
      throw new IllegalArgumentException("expected a duration such as 500ms, 10s, 1m or 7d");
    }
  }

  private static String millisText(long millis) {
    if (millis % 86_400_000 == 0) {
      return millis / 86_400_000 + "d";
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
  }

  /** {@code 512KB}, {@code 1MB}, {@code 1GB} (binary multiples), or plain bytes. */
  static long bytes(String s, long min, long max) {
    String t = s.trim().toUpperCase(Locale.ROOT);
    int i = 0;
    while (i < t.length() && Character.isDigit(t.charAt(i))) {
      i++;
    }
    String unit = t.substring(i).trim();
    long factor =
        unit.isEmpty() || unit.equals("B")
            ? 1
            : unit.equals("KB") || unit.equals("K")
                ? 1L << 10
                : unit.equals("MB") || unit.equals("M")
                    ? 1L << 20
                    : unit.equals("GB") || unit.equals("G") ? 1L << 30 : -1;
    String expected = "expected a size from 64KB to 1GB, such as 512KB or 1MB";
    if (i == 0 || i > 10 || factor < 0) {
      throw new IllegalArgumentException(expected);
    }
    long bytes = Long.parseLong(t.substring(0, i)) * factor;
    if (bytes < min || bytes > max) {
      throw new IllegalArgumentException(expected);
    }
    return bytes;
  }

  /** A percentage, {@code 15} or {@code 15%}, as a fraction. */
  static double percent(String s, long min, long max) {
    String expected = "expected a percentage from " + min + " to " + max + ", such as 15";
    double v;
    try {
      v = Double.parseDouble(s.trim().replace("%", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(expected);
    }
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException(expected);
    }
    return v / 100;
  }

  /** Three increasing percentages, {@code 15,30,50}, as fractions. */
  static double[] thresholds(String s) {
    String expected = "expected three increasing percentages from 1 to 1000, such as 15,30,50";
    String[] parts = s.split("[,;]");
    if (parts.length != 3) {
      throw new IllegalArgumentException(expected);
    }
    double[] out = new double[3];
    for (int i = 0; i < 3; i++) {
      double v;
      try {
        v = Double.parseDouble(parts[i].trim().replace("%", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(expected);
      }
      if (!(v >= 1 && v <= 1000) || (i > 0 && v <= out[i - 1] * 100)) {
        throw new IllegalArgumentException(expected);
      }
      out[i] = v / 100;
    }
    return out;
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
