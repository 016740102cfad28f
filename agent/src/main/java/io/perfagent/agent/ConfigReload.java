package io.perfagent.agent;

import io.perfagent.agent.alert.AlertComponent;
import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigKey;
import io.perfagent.agent.config.ConfigKeys;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.log.AgentLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads the configuration (and the alert rules) again and applies what changed while the agent
 * runs. Everything is validated first: one problem in the properties file or the rules and nothing
 * changes, one line per problem says why. The keys in {@link ConfigKeys#LIVE} apply at once (a
 * changed selection retransforms the affected classes, counts of kept methods go on; intervals
 * reschedule their task; thresholds and rules judge from the next cycle on; changed endpoint keys
 * restart the endpoint); the other changed keys are named in one line as needing a restart.
 */
final class ConfigReload {

  /** The running parts a reload changes: the agent's own, a fake in tests. */
  interface Targets {
    /**
     * Applies another selection of measured methods.
     *
     * @return how many classes were retransformed
     */
    int selection(AgentConfig next) throws Exception;

    /** Runs after a new selection is in force (schedules the report of unmatched patterns). */
    void selectionApplied();

    /** Restarts the endpoint with the new settings, or stops it. */
    void endpoint(AgentConfig next);

    /** Resources and thread pools are sampled at {@code next}'s interval from now on. */
    void sampling(AgentConfig next);

    /** Analysis interval, level rules and pin from {@code next}. */
    void analysis(AgentConfig next);

    /** The alert rules {@code next} names, or {@code null} when the alerts are off. */
    AlertComponent.@Nullable RuleSet alertRules(AgentConfig next);

    /** Puts {@code rules} in force (only called with a rule set without problems). */
    void alerts(AlertComponent.RuleSet rules);
  }

  static final List<ConfigKey<?>> SELECTION_KEYS =
      Arrays.asList(
          ConfigKeys.WITH_SPAN, ConfigKeys.MICROMETER, ConfigKeys.METHODS, ConfigKeys.ASYNC);
  static final List<ConfigKey<?>> ENDPOINT_KEYS =
      Arrays.asList(ConfigKeys.ENDPOINT_PORT, ConfigKeys.ENDPOINT_HOST, ConfigKeys.ENDPOINT_TOKEN);
  static final List<ConfigKey<?>> SAMPLING_KEYS =
      Collections.singletonList(ConfigKeys.SAMPLE_INTERVAL);
  static final List<ConfigKey<?>> ANALYSIS_KEYS =
      Arrays.asList(
          ConfigKeys.ANALYSIS_INTERVAL,
          ConfigKeys.BASELINE_PIN,
          ConfigKeys.LEVEL_THRESHOLDS,
          ConfigKeys.LEVEL_MIN_CALLS,
          ConfigKeys.LEVEL_MIN_DELTA);
  static final List<ConfigKey<?>> ALERT_KEYS =
      Arrays.asList(ConfigKeys.RULES_FILE, ConfigKeys.ALERT_RULES, ConfigKeys.ALERT_DEFAULTS);

  /** Live keys applied by reading {@link #current()} when needed, with nothing to call. */
  static final List<ConfigKey<?>> READ_WHEN_USED =
      Arrays.asList(ConfigKeys.LOG_LEVEL, ConfigKeys.UNMATCHED_AFTER);

  private final String agentArgs;
  private final Targets targets;
  private AgentConfig current;
  private List<String> ruleDefinitions;

  ConfigReload(String agentArgs, AgentConfig current, Targets targets) {
    this.agentArgs = agentArgs;
    this.current = current;
    this.targets = targets;
    AlertComponent.RuleSet rules = targets.alertRules(current);
    this.ruleDefinitions = rules == null ? Collections.emptyList() : rules.definitions();
  }

  synchronized AgentConfig current() {
    return current;
  }

  /**
   * Reloads; returns whether the new configuration is in force.
   *
   * @param trigger says in log lines what asked for it
   */
  synchronized boolean reload(String trigger, Reply reply) {
    long start = System.nanoTime();
    ConfigLoader.Result loaded = ConfigLoader.loadFromProcess(agentArgs);
    AgentConfig next = loaded.config();
    String file = next.configFile();
    String rulesFile = next.get(ConfigKeys.RULES_FILE);
    String what = String.join(" and ", nonEmpty(file, rulesFile));
    if (what.isEmpty()) {
      reply.warn(
          "reload ("
              + trigger
              + "): neither perf.config.file nor perf.rules.file is set, so there is nothing to"
              + " reload; start the agent with perf.config.file=<properties file>");
      return false;
    }
    List<String> problems = new ArrayList<>();
    if (!file.isEmpty()) {
      problems.addAll(
          ConfigLoader.load(
                  "",
                  Collections.singletonMap(ConfigKeys.CONFIG_FILE.name(), file),
                  Collections.emptyMap())
              .problems());
    }
    AlertComponent.RuleSet rules = problems.isEmpty() ? targets.alertRules(next) : null;
    if (rules != null) {
      problems.addAll(rules.problems);
    }
    if (!problems.isEmpty()) {
      for (String problem : problems) {
        reply.warn("reload of " + what + " refused, the configuration in force stays: " + problem);
      }
      return false;
    }
    List<String> changed = new ArrayList<>();
    List<String> notLive = new ArrayList<>();
    boolean selection = false;
    boolean endpoint = false;
    boolean sampling = false;
    boolean analysis = false;
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      if (current.sameValue(next, key)) {
        continue;
      }
      changed.add(key.name());
      if (!ConfigKeys.LIVE.contains(key)) {
        notLive.add(key.name());
      }
      selection |= SELECTION_KEYS.contains(key);
      endpoint |= ENDPOINT_KEYS.contains(key);
      sampling |= SAMPLING_KEYS.contains(key);
      analysis |= ANALYSIS_KEYS.contains(key);
    }
    if (!current.otelProperties().equals(next.otelProperties())) {
      changed.add("otel.*");
      notLive.add("otel.*");
    }
    AlertComponent.RuleSet newRules =
        rules != null && !rules.definitions().equals(ruleDefinitions) ? rules : null;
    boolean alerts = newRules != null;
    if (alerts && !changed.contains(ConfigKeys.RULES_FILE.name())) {
      changed.add("alert rules");
    }
    int retransformed = 0;
    if (selection) {
      try {
        retransformed = targets.selection(next);
      } catch (Throwable failure) {
        reply.warn(
            "reload of "
                + what
                + ": the new selection could not be applied ("
                + failure
                + "); the configuration in force stays");
        return false;
      }
    }
    AgentLog.setLevel(next.logLevel());
    current = next;
    if (newRules != null) {
      targets.alerts(newRules);
      ruleDefinitions = newRules.definitions();
    }
    apply("the endpoint", endpoint, next, reply, targets::endpoint);
    apply("sampling", sampling, next, reply, targets::sampling);
    apply("the analysis", analysis, next, reply, targets::analysis);
    if (selection) {
      targets.selectionApplied();
    }
    if (!notLive.isEmpty()) {
      reply.warn(
          "changed but not live, in effect from the next start: " + String.join(", ", notLive));
    }
    long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
    reply.info(
        "reloaded "
            + what
            + " ("
            + trigger
            + ") in "
            + micros / 1000
            + "."
            + (micros % 1000) / 100
            + " ms: "
            + (changed.isEmpty() ? "nothing changed" : "changed " + String.join(", ", changed))
            + (selection ? "; " + retransformed + " classes retransformed" : "")
            + (newRules != null ? "; " + newRules.size() + " alert rules in force" : ""));
    return true;
  }

  /** Runs one part's change; a part that fails costs one line, the rest still applies. */
  private static void apply(
      String part,
      boolean changed,
      AgentConfig next,
      Reply reply,
      java.util.function.Consumer<AgentConfig> change) {
    if (!changed) {
      return;
    }
    try {
      change.accept(next);
    } catch (Throwable failure) {
      reply.warn(part + " could not take the new settings: " + failure);
    }
  }

  private static List<String> nonEmpty(String... paths) {
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }
}
