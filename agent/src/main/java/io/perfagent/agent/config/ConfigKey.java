package io.perfagent.agent.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One documented configuration key: its name, default, what a valid value looks like, and the
 * parser that turns text into a value or throws an {@link IllegalArgumentException} saying what is
 * expected.
 */
public final class ConfigKey<T> {

  private final String name;
  private final String defaultText;
  private final String description;
  private final Function<String, T> parser;

  ConfigKey(String name, String defaultText, String description, Function<String, T> parser) {
    this.name = name;
    this.defaultText = defaultText;
    this.description = description;
    this.parser = parser;
  }

  /** The key as a system property or agent argument, e.g. {@code perf.enabled}. */
  public String name() {
    return name;
  }

  /** The key as an environment variable, e.g. {@code PERF_ENABLED}. */
  public String envName() {
    return envNameOf(name);
  }

  /** The default as text (empty for none). */
  public String defaultText() {
    return defaultText;
  }

  /** One sentence for the documented table and {@code --help}. */
  public String description() {
    return description;
  }

  T parse(String text) {
    return parser.apply(text);
  }

  T defaultValue() {
    return parser.apply(defaultText);
  }

  /** {@code perf.instrument.max-methods} becomes {@code PERF_INSTRUMENT_MAX_METHODS}. */
  static String envNameOf(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
