package io.perfagent.core.analyze;

/**
 * How far a cycle's value is from its baseline, in the worse direction: Normal, then Minor,
 * Moderate and Critical above the configured thresholds (by default more than 15, 30 and 50 %
 * worse). {@link #INSUFFICIENT_DATA} stands in for a level while there is too little baseline or
 * too few calls to judge; it ranks below Normal so it never makes a status worse.
 */
public enum Level {
  INSUFFICIENT_DATA("Insufficient data"),
  NORMAL("Normal"),
  MINOR("Minor"),
  MODERATE("Moderate"),
  CRITICAL("Critical");

  private final String label;

  Level(String label) {
    this.label = label;
  }

  /** The word users read: {@code Normal}, {@code Minor}, {@code Moderate}, {@code Critical}. */
  public String label() {
    return label;
  }

  /** The exported number: 0 Normal … 3 Critical, -1 for insufficient data. */
  public int gaugeValue() {
    return ordinal() - 1;
  }

  /** Whether this level is a degradation (Minor or worse). */
  public boolean isDegraded() {
    return compareTo(MINOR) >= 0;
  }

  /** The worse of two levels. */
  public static Level worst(Level a, Level b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Parses a {@link #label()} (case-insensitive) or a constant name. */
  public static Level parse(String text) {
    for (Level l : values()) {
      if (l.label.equalsIgnoreCase(text) || l.name().equalsIgnoreCase(text)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "expected Normal, Minor, Moderate, Critical or Insufficient data, got '" + text + "'");
  }
}
