package io.perfagent.core.detect;

import io.perfagent.core.json.JsonWriter;
import java.util.Objects;

/**
 * What the advisor suggests: the rule that fired, a severity, the text (fact, baseline, likely
 * cause), an action, the evidence (finding ids or readings) and the baseline window used.
 * Immutable. The agent never acts on a recommendation itself.
 */
public final class Recommendation {

  private final String id;
  private final String rule;
  private final Severity severity;
  private final String subject;
  private final String text;
  private final String action;
  private final String evidence;
  private final String baselineWindow;

  Recommendation(
      String rule,
      Severity severity,
      String subject,
      String text,
      String action,
      String evidence,
      String baselineWindow) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.severity = Objects.requireNonNull(severity, "severity");
    this.subject = Objects.requireNonNull(subject, "subject");
    this.text = Objects.requireNonNull(text, "text");
    this.action = Objects.requireNonNull(action, "action");
    this.evidence = Objects.requireNonNull(evidence, "evidence");
    this.baselineWindow = Objects.requireNonNull(baselineWindow, "baselineWindow");
    this.id = rule + ":" + subject;
  }

  /** {@code rule:subject}, stable while the condition lasts. */
  public String id() {
    return id;
  }

  /** The rule's name, e.g. {@code critical_performance_drift}, {@code heap_leak}. */
  public String rule() {
    return rule;
  }

  public Severity severity() {
    return severity;
  }

  /** The method, indicator, pool or service the recommendation is about. */
  public String subject() {
    return subject;
  }

  /** Fact, baseline and likely cause in one or two sentences. */
  public String text() {
    return text;
  }

  /** What the operator can do. */
  public String action() {
    return action;
  }

  /** The findings (ids) or readings it rests on. */
  public String evidence() {
    return evidence;
  }

  /** The baseline window the facts were judged against, e.g. {@code 7 days, hour 14}. */
  public String baselineWindow() {
    return baselineWindow;
  }

  /** One JSON object on one line. */
  public String toJson() {
    return new JsonWriter()
        .beginObject()
        .name("id", id)
        .name("rule", rule)
        .name("severity", severity.label())
        .name("subject", subject)
        .name("text", text)
        .name("action", action)
        .name("evidence", evidence)
        .name("baseline_window", baselineWindow)
        .endObject()
        .toString();
  }

  @Override
  public String toString() {
    return severity.label() + " " + rule + ": " + text + " → " + action;
  }
}
