package io.perfagent.agent.config;

import io.perfagent.agent.log.AgentLog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The agent's configuration, resolved once at start. Immutable. */
public final class AgentConfig {

  private final boolean enabled;
  private final AgentLog.Level logLevel;
  private final boolean withSpan;
  private final boolean micrometer;
  private final List<MethodPattern> methods;
  private final int maxMethods;
  private final double overheadBudget;
  private final long sampleIntervalMillis;
  private final int exportMaxBatchPoints;
  private final long exportShutdownTimeoutMillis;
  private final Map<String, String> otelProperties;
  private final String stateDir;
  private final long analysisIntervalMillis;
  private final long baselineWindowMillis;
  private final boolean baselinePinned;
  private final long historyMaxBytes;
  private final int historyFiles;
  private final double[] levelThresholds;
  private final int levelMinCalls;
  private final long levelMinDeltaNanos;
  private final int detectPersistCycles;
  private final double detectStepMinEffect;
  private final boolean jfrOnCritical;
  private final long jfrDurationMillis;
  private final int endpointPort;
  private final String endpointHost;
  private final String endpointToken;
  private final boolean asyncTiming;
  private final boolean recursionCopies;
  private final Map<ConfigKey<?>, Object> values;
  private final long unmatchedAfterMillis;

  AgentConfig(Map<ConfigKey<?>, Object> values, Map<String, String> otelProperties) {
    this.enabled = value(values, ConfigKeys.ENABLED);
    this.logLevel = value(values, ConfigKeys.LOG_LEVEL);
    this.withSpan = value(values, ConfigKeys.WITH_SPAN);
    this.micrometer = value(values, ConfigKeys.MICROMETER);
    this.methods = value(values, ConfigKeys.METHODS);
    this.maxMethods = value(values, ConfigKeys.MAX_METHODS);
    this.overheadBudget = value(values, ConfigKeys.OVERHEAD_BUDGET);
    this.sampleIntervalMillis = value(values, ConfigKeys.SAMPLE_INTERVAL);
    this.exportMaxBatchPoints = value(values, ConfigKeys.EXPORT_MAX_BATCH_POINTS);
    this.exportShutdownTimeoutMillis = value(values, ConfigKeys.EXPORT_SHUTDOWN_TIMEOUT);
    this.otelProperties = Collections.unmodifiableMap(new LinkedHashMap<>(otelProperties));
    this.stateDir = value(values, ConfigKeys.STATE_DIR);
    this.analysisIntervalMillis = value(values, ConfigKeys.ANALYSIS_INTERVAL);
    this.baselineWindowMillis = value(values, ConfigKeys.BASELINE_WINDOW);
    this.baselinePinned = value(values, ConfigKeys.BASELINE_PIN);
    this.historyMaxBytes = value(values, ConfigKeys.HISTORY_MAX_SIZE);
    this.historyFiles = value(values, ConfigKeys.HISTORY_FILES);
    this.levelThresholds = value(values, ConfigKeys.LEVEL_THRESHOLDS).clone();
    this.levelMinCalls = value(values, ConfigKeys.LEVEL_MIN_CALLS);
    this.levelMinDeltaNanos = value(values, ConfigKeys.LEVEL_MIN_DELTA);
    this.detectPersistCycles = value(values, ConfigKeys.DETECT_PERSIST_CYCLES);
    this.detectStepMinEffect = value(values, ConfigKeys.DETECT_STEP_MIN_EFFECT);
    this.jfrOnCritical = value(values, ConfigKeys.JFR_ON_CRITICAL);
    this.jfrDurationMillis = value(values, ConfigKeys.JFR_DURATION);
    this.endpointPort = value(values, ConfigKeys.ENDPOINT_PORT);
    this.endpointHost = value(values, ConfigKeys.ENDPOINT_HOST);
    this.endpointToken = value(values, ConfigKeys.ENDPOINT_TOKEN);
    this.asyncTiming = value(values, ConfigKeys.ASYNC);
    this.recursionCopies = value(values, ConfigKeys.RECURSION);
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.unmatchedAfterMillis = value(values, ConfigKeys.UNMATCHED_AFTER);
  }

  /**
   * The value {@link ConfigLoader} resolved for {@code key}: it resolves every key of {@link
   * ConfigKeys#ALL}, to its default at worst, so a missing one is a bug, not bad input.
   */
  @SuppressWarnings("unchecked") // the loader stores each key's own parser's result
  private static <T> T value(Map<ConfigKey<?>, Object> values, ConfigKey<T> key) {
    return (T) Objects.requireNonNull(values.get(key), key.name());
  }

  /** The resolved value of {@code key} (its default when not set), for keys one component reads. */
  public <T> T get(ConfigKey<T> key) {
    return value(values, key);
  }

  /** The configured state directory, or empty for the default. */
  public String stateDir() {
    return stateDir;
  }

  /** How often an analysis cycle runs, in milliseconds. */
  public long analysisIntervalMillis() {
    return analysisIntervalMillis;
  }

  /** The baseline window, in milliseconds (whole hours are used). */
  public long baselineWindowMillis() {
    return baselineWindowMillis;
  }

  /** Whether the baseline learns nothing (judges only). */
  public boolean baselinePinned() {
    return baselinePinned;
  }

  public long historyMaxBytes() {
    return historyMaxBytes;
  }

  public int historyFiles() {
    return historyFiles;
  }

  /** Minor, Moderate and Critical thresholds as fractions (0.15, 0.30, 0.50). */
  public double[] levelThresholds() {
    return levelThresholds.clone();
  }

  public int levelMinCalls() {
    return levelMinCalls;
  }

  public long levelMinDeltaNanos() {
    return levelMinDeltaNanos;
  }

  /** Cycles a level must hold to open (and Normal cycles to resolve) an anomaly. */
  public int detectPersistCycles() {
    return detectPersistCycles;
  }

  /** The smallest step change reported, as a fraction (0.15). */
  public double detectStepMinEffect() {
    return detectStepMinEffect;
  }

  /** Whether a critical anomaly starts a JFR recording into the state directory. */
  public boolean jfrOnCritical() {
    return jfrOnCritical;
  }

  /** How long such a recording lasts, in milliseconds. */
  public long jfrDurationMillis() {
    return jfrDurationMillis;
  }

  /** The endpoint's port, 0 for an ephemeral one, {@link ConfigKeys#PORT_OFF} when off. */
  public int endpointPort() {
    return endpointPort;
  }

  public String endpointHost() {
    return endpointHost;
  }

  /** The bearer token the endpoint requires, or empty for none. A secret: never log it. */
  public String endpointToken() {
    return endpointToken;
  }

  /**
   * Whether {@code key} has the same value in {@code other} (arrays compared by content): what a
   * reload uses to find the keys that changed.
   */
  public boolean sameValue(AgentConfig other, ConfigKey<?> key) {
    return java.util.Objects.deepEquals(values.get(key), other.values.get(key));
  }

  /** The properties file named by {@code perf.config.file}, or empty. */
  public String configFile() {
    return value(values, ConfigKeys.CONFIG_FILE);
  }

  /** Whether thread pools are found and sampled. */
  public boolean executors() {
    return value(values, ConfigKeys.EXECUTORS);
  }

  /** Whether methods returning a future are timed until it completes. */
  public boolean asyncTiming() {
    return asyncTiming;
  }

  /** Whether measured methods that call themselves get a recursion copy (RecursionCopy). */
  public boolean recursionCopies() {
    return recursionCopies;
  }

  /** When patterns that selected nothing are reported, after start or reload. */
  public long unmatchedAfterMillis() {
    return unmatchedAfterMillis;
  }

  /** Every key at its default, no {@code otel.*} overrides. */
  public static AgentConfig defaults() {
    return ConfigLoader.load("", Collections.emptyMap(), Collections.emptyMap()).config();
  }

  public boolean enabled() {
    return enabled;
  }

  public AgentLog.Level logLevel() {
    return logLevel;
  }

  public boolean withSpan() {
    return withSpan;
  }

  public boolean micrometer() {
    return micrometer;
  }

  public List<MethodPattern> methods() {
    return methods;
  }

  public int maxMethods() {
    return maxMethods;
  }

  /** The CPU the agent may spend timing calls, as a fraction of one core; 0: time every call. */
  public double overheadBudget() {
    return overheadBudget;
  }

  /** How often resources are sampled, in milliseconds. */
  public long sampleIntervalMillis() {
    return sampleIntervalMillis;
  }

  /** At most this many points per export request. */
  public int exportMaxBatchPoints() {
    return exportMaxBatchPoints;
  }

  /** How long the exit may wait for start-up and the final export, in milliseconds. */
  public long exportShutdownTimeoutMillis() {
    return exportShutdownTimeoutMillis;
  }

  /**
   * The validated {@code otel.*} settings from every source the agent reads (agent arguments,
   * system properties, environment, file), to be applied over the SDK's own reading; a {@code
   * perf.otel.*} key wins over the {@code otel.*} key of the same name.
   */
  public Map<String, String> otelProperties() {
    return otelProperties;
  }
}
