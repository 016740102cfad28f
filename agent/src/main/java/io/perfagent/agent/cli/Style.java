package io.perfagent.agent.cli;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Colour by level (Normal green, Minor and Moderate yellow, Critical red) when writing to a
 * terminal; plain text when stdout is not a TTY, {@code NO_COLOR} is set or {@code TERM=dumb}.
 */
final class Style {

  static final String RESET = "\u001b[0m";

  final boolean colour;

  Style(boolean colour) {
    this.colour = colour;
  }

  /** The style for this process's stdout and environment. */
  static Style detect(Map<String, String> env) {
    boolean tty = System.console() != null;
    String noColor = env.get("NO_COLOR");
    boolean colour =
        tty && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    return new Style(colour);
  }

  /** {@code text} in the colour of {@code level} (a level label). */
  String level(@Nullable String level, String text) {
    if (!colour || level == null) {
      return text;
    }
    return code(level) + text + RESET;
  }

  static String code(String level) {
    switch (level) {
      case "Normal":
        return "\u001b[32m";
      case "Minor":
      case "Moderate":
        return "\u001b[33m";
      case "Critical":
        return "\u001b[31m";
      default:
        return "\u001b[2m";
    }
  }

  String bold(String text) {
    return colour ? "\u001b[1m" + text + RESET : text;
  }
}
