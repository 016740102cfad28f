package io.perfagent.agent.alert;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigKeys;
import io.perfagent.agent.lifecycle.AgentScheduler;
import io.perfagent.agent.lifecycle.Component;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.store.StateDir;
import io.perfagent.api.AlertEvent;
import io.perfagent.api.PerfAlerts;
import io.perfagent.core.alert.Alert;
import io.perfagent.core.alert.AlertEngine;
import io.perfagent.core.alert.AlertInput;
import io.perfagent.core.alert.AlertRules;
import io.perfagent.core.alert.Rule;
import io.perfagent.core.alert.Transition;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Severity;
import io.perfagent.core.json.JsonWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates the alert rules after every analysis cycle (on the scheduler thread, through {@link
 * #cycle}) and delivers each transition: a log line, a line in {@code alerts.jsonl}, the {@code
 * PerfAlerts} listeners and, when {@code perf.alert.webhook} is set, a JSON POST that never blocks
 * this thread. A critical alert may leave a thread dump in the state directory.
 */
public final class AlertComponent implements Component {

  private final AlertEngine engine;
  private final String service;
  private final String instance;
  private final LongSupplier memoryLimitBytes;
  private final @Nullable WebhookSender webhook;
  private final @Nullable AlertsFile file;
  private final @Nullable ThreadDumps dumps;
  private final AnnotationBudgets budgets;
  private volatile boolean closed;

  AlertComponent(
      AlertEngine engine,
      String service,
      String instance,
      LongSupplier memoryLimitBytes,
      @Nullable WebhookSender webhook,
      @Nullable AlertsFile file,
      @Nullable ThreadDumps dumps,
      AnnotationBudgets budgets) {
    this.engine = engine;
    this.service = service;
    this.instance = instance;
    this.memoryLimitBytes = memoryLimitBytes;
    this.webhook = webhook;
    this.file = file;
    this.dumps = dumps;
    this.budgets = budgets;
  }

  /**
   * The alerts as configured: {@code perf.alert.rules}, then {@code perf.rules.file}, then (unless
   * {@code perf.alert.defaults=false}) the built-in rules. Each bad rule costs one log line.
   *
   * @param memoryLimitBytes the cgroup memory limit, -1 where there is none
   * @param declaredBudgets the {@code @Measured(budget = ...)} declarations the weaver recorded,
   *     from an index on (method name → spec)
   */
  public static AlertComponent create(
      AgentConfig config,
      StateDir stateDir,
      String service,
      String instance,
      LongSupplier memoryLimitBytes,
      IntFunction<List<Map.Entry<String, String>>> declaredBudgets) {
    List<Rule> rules = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String inline = config.get(ConfigKeys.ALERT_RULES);
    if (!inline.isEmpty()) {
      add(AlertRules.parse(inline, ConfigKeys.ALERT_RULES.name()), rules, problems);
    }
    String path = config.get(ConfigKeys.RULES_FILE);
    if (!path.isEmpty()) {
      try {
        String text = new String(Files.readAllBytes(Paths.get(path)), StandardCharsets.UTF_8);
        add(AlertRules.parse(text, path), rules, problems);
      } catch (IOException | RuntimeException e) {
        problems.add(
            ConfigKeys.RULES_FILE.name()
                + "="
                + path
                + " cannot be read ("
                + e
                + "); expected a readable file of alert rules; its rules are left out");
      }
    }
    if (config.get(ConfigKeys.ALERT_DEFAULTS)) {
      rules.addAll(AlertRules.defaults());
    }
    for (String problem : problems) {
      AgentLog.warn("alert rule: " + problem);
    }
    @Nullable WebhookSender webhook = null;
    String url = config.get(ConfigKeys.ALERT_WEBHOOK);
    if (!url.isEmpty()) {
      try {
        webhook =
            WebhookSender.create(
                url,
                config.get(ConfigKeys.ALERT_WEBHOOK_HEADERS),
                WebhookSender.FIRST_BACKOFF_MILLIS);
      } catch (WebhookSender.BadHeaders e) {
        badWebhook(
            ConfigKeys.ALERT_WEBHOOK_HEADERS.name() + " (value not shown: it may hold a secret)",
            e);
      } catch (IllegalArgumentException e) {
        badWebhook(ConfigKeys.ALERT_WEBHOOK.name() + " '" + url + "'", e);
      }
    }
    Path dir = stateDir.isAvailable() ? stateDir.path() : null;
    AlertComponent c =
        new AlertComponent(
            AlertEngine.of(rules),
            service,
            instance,
            memoryLimitBytes,
            webhook,
            dir == null ? null : new AlertsFile(dir),
            dir != null && config.get(ConfigKeys.ALERT_THREAD_DUMP) ? new ThreadDumps(dir) : null,
            new AnnotationBudgets(declaredBudgets));
    AgentLog.info(
        rules.size()
            + " alert rules"
            + (problems.isEmpty() ? "" : " (" + problems.size() + " left out)")
            + (webhook == null ? "" : "; webhook " + webhook.shownUrl()));
    return c;
  }

  private static void add(AlertRules.Parsed parsed, List<Rule> rules, List<String> problems) {
    rules.addAll(parsed.rules());
    problems.addAll(parsed.problems());
  }

  private static void badWebhook(String what, IllegalArgumentException e) {
    AgentLog.warn(
        "bad value for " + what + ": " + e.getMessage() + "; alerts are not sent to a webhook");
  }

  @Override
  public String name() {
    return "alerts";
  }

  /** Nothing of its own to schedule: it runs after each analysis cycle. */
  @Override
  public void start(AgentScheduler scheduler) {}

  /** Evaluates the rules on the cycle just judged and delivers what changed. */
  public void cycle(CycleReport report, List<Finding> openAnomalies) {
    if (closed) {
      return;
    }
    for (Rule budget : budgets.discover()) {
      engine.add(budget);
      AgentLog.info("alert rule from @Measured: " + budget.definition());
    }
    long now = report.epochMillis();
    List<Transition> transitions =
        engine.evaluate(new AlertInput(now, report, openAnomalies, limits()));
    for (Transition t : transitions) {
      deliver(t);
    }
  }

  private Map<String, Double> limits() {
    Map<String, Double> limits = new HashMap<>();
    long memory = memoryLimitBytes.getAsLong();
    if (memory > 0) {
      limits.put(Indicator.RSS.key(), (double) memory);
    }
    long heap = Runtime.getRuntime().maxMemory();
    if (heap > 0 && heap != Long.MAX_VALUE) {
      limits.put(Indicator.HEAP_AFTER_GC.key(), (double) heap);
    }
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean) {
      long fds = ((com.sun.management.UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount();
      if (fds > 0) {
        limits.put(Indicator.FILE_DESCRIPTORS.key(), (double) fds);
      }
    }
    return limits;
  }

  private void deliver(Transition t) {
    Alert a = t.alert();
    switch (t.kind()) {
      case FIRING:
        AgentLog.warn("alert firing: " + a);
        break;
      case SEVERITY_CHANGED:
        AgentLog.warn("alert now " + a.severity().name() + ": " + a);
        break;
      case RESOLVED:
        AgentLog.info("alert resolved: " + a);
        break;
      default:
        AgentLog.debug("alert " + t.kind().label() + ": " + a);
        return;
    }
    String json = payload(t);
    if (file != null) {
      file.append(json);
    }
    PerfAlerts.publish(event(a));
    if (webhook != null) {
      webhook.offer(json);
    }
    if (dumps != null
        && a.severity() == Severity.CRITICAL
        && t.kind() != Transition.Kind.RESOLVED) {
      dumps.write(a);
    }
  }

  /**
   * The alert as the listener API sees it: the one place that maps {@link Alert} to {@link
   * AlertEvent} ({@code bootstrap}, which applications compile against, cannot know {@code core}).
   * The timestamp is when it resolved, else its latest update.
   */
  static AlertEvent event(Alert a) {
    return new AlertEvent(
        a.id(),
        a.rule(),
        a.series(),
        a.state().label(),
        a.severity().name(),
        a.value(),
        a.threshold(),
        a.unit(),
        a.since(),
        a.resolvedAt() >= 0 ? a.resolvedAt() : a.updated(),
        a.evidence());
  }

  /** The webhook body and the {@code alerts.jsonl} line: the event and the alert. */
  String payload(Transition t) {
    JsonWriter w =
        new JsonWriter()
            .beginObject()
            .name("event")
            .value(t.kind().label())
            .name("service")
            .value(service)
            .name("instance")
            .value(instance)
            .name("alert");
    t.alert().write(w);
    return w.endObject().toString();
  }

  /** The engine, for the endpoint and the exported gauge. */
  public AlertEngine engine() {
    return engine;
  }

  /** The webhook's counters, or {@code null} without a webhook. */
  public @Nullable Map<String, Long> webhookCounts() {
    if (webhook == null) {
      return null;
    }
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    out.put("delivered", webhook.delivered());
    out.put("retried", webhook.retries());
    out.put("failed", webhook.failed());
    out.put("dropped", webhook.dropped());
    out.put("queued", (long) webhook.queued());
    return out;
  }

  @Override
  public void close() {
    closed = true;
    if (webhook != null) {
      webhook.close(2_000);
    }
    if (engine.ruleFailures() > 0) {
      AgentLog.warn(
          engine.ruleFailures()
              + " alert rule evaluations failed; first: "
              + engine.firstRuleFailure());
    }
  }
}
