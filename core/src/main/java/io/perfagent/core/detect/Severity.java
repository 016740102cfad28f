package io.perfagent.core.detect;

/** How much a finding matters: info is shown, warning and critical may alert. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  /** The lower-case word used in JSON and on screen. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The worse of two severities. */
  public static Severity worst(Severity a, Severity b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
