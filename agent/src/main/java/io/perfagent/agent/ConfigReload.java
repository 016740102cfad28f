package io.perfagent.agent;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigKey;
import io.perfagent.agent.config.ConfigKeys;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.instrument.Instrumenter;
import io.perfagent.agent.log.AgentLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the configuration again and applies what changed while the agent runs. The file is
 * validated as a whole first: one problem in it and nothing changes, one line per problem says why.
 * The keys in {@link ConfigKeys#LIVE} apply at once (a changed selection retransforms the affected
 * classes, counts of kept methods go on; changed endpoint keys restart the endpoint); any other
 * changed key is named as needing a restart.
 */
final class ConfigReload {

  private final String agentArgs;
  private final Instrumenter instrumenter;
  private final Runnable afterSelectionChange;
  private final java.util.function.Consumer<AgentConfig> endpointChange;
  private AgentConfig current;

  /**
   * @param afterSelectionChange run after a new selection is in force (schedules the report of
   *     patterns that select nothing)
   */
  ConfigReload(
      String agentArgs,
      AgentConfig current,
      Instrumenter instrumenter,
      Runnable afterSelectionChange,
      java.util.function.Consumer<AgentConfig> endpointChange) {
    this.agentArgs = agentArgs;
    this.current = current;
    this.instrumenter = instrumenter;
    this.afterSelectionChange = afterSelectionChange;
    this.endpointChange = endpointChange;
  }

  private static final List<ConfigKey<?>> ENDPOINT_KEYS =
      java.util.Arrays.asList(
          ConfigKeys.ENDPOINT_PORT, ConfigKeys.ENDPOINT_HOST, ConfigKeys.ENDPOINT_TOKEN);

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
    if (file.isEmpty()) {
      reply.warn(
          "reload ("
              + trigger
              + "): perf.config.file is not set, so there is nothing to"
              + " reload; start the agent with perf.config.file=<properties file>");
      return false;
    }
    List<String> problems =
        ConfigLoader.load(
                "",
                Collections.singletonMap(ConfigKeys.CONFIG_FILE.name(), file),
                Collections.emptyMap())
            .problems();
    if (!problems.isEmpty()) {
      for (String problem : problems) {
        reply.warn("reload of " + file + " refused, the configuration in force stays: " + problem);
      }
      return false;
    }
    List<String> changed = new ArrayList<>();
    boolean selection = false;
    boolean endpoint = false;
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      if (current.sameValue(next, key)) {
        continue;
      }
      changed.add(key.name());
      if (!ConfigKeys.LIVE.contains(key)) {
        reply.warn(key.name() + " changed; it is not live and takes effect at the next start");
      } else if (ENDPOINT_KEYS.contains(key)) {
        endpoint = true;
      } else if (key != ConfigKeys.LOG_LEVEL && key != ConfigKeys.UNMATCHED_AFTER) {
        selection = true;
      }
    }
    if (!current.otelProperties().equals(next.otelProperties())) {
      changed.add("otel.*");
      reply.warn("otel.* settings changed; they are not live and take effect at the next start");
    }
    int retransformed = 0;
    if (selection) {
      try {
        retransformed = instrumenter.reconfigure(next);
      } catch (Throwable failure) {
        reply.warn(
            "reload of "
                + file
                + ": the new selection could not be applied ("
                + failure
                + "); the one in force stays");
        return false;
      }
    }
    AgentLog.setLevel(next.logLevel());
    current = next;
    if (endpoint) {
      try {
        endpointChange.accept(next);
      } catch (Throwable failure) {
        reply.warn("the endpoint could not be restarted with the new settings: " + failure);
      }
    }
    if (selection) {
      afterSelectionChange.run();
    }
    long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
    reply.info(
        "reloaded "
            + file
            + " ("
            + trigger
            + ") in "
            + micros / 1000
            + "."
            + (micros % 1000) / 100
            + " ms: "
            + (changed.isEmpty() ? "nothing changed" : "changed " + String.join(", ", changed))
            + (selection ? "; " + retransformed + " classes retransformed" : ""));
    return true;
  }
}
