package io.perfagent.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Application-defined metrics, exported by the agent next to its own:
 *
 * <pre>{@code
 * static final Counter REJECTED = PerfMetrics.counter("orders.rejected", "{order}");
 * static final Timer PRICING = PerfMetrics.timer("orders.pricing.duration");
 * PerfMetrics.gauge("orders.queue.depth", "{order}", queue::size);
 * }</pre>
 *
 * <p>Names follow the OpenTelemetry instrument-name rules (a letter, then up to 254 letters,
 * digits, {@code _ . - /}); units are up to 63 printable ASCII characters. A bad name or unit, or a
 * name already registered as another kind or unit, throws {@link IllegalArgumentException} here, at
 * registration; recording never throws. Registering the same name twice returns the same
 * instrument. Without the agent everything works and nothing is exported.
 */
public final class PerfMetrics {

  private static final Map<String, Instrument> BY_NAME = new ConcurrentHashMap<>();

  private PerfMetrics() {}

  /** The counter of that name, created on first call. */
  public static Counter counter(String name, String unit) {
    return register(Counter.class, new Counter(checkName(name), checkUnit(unit)));
  }

  /** The timer of that name (unit {@code s}), created on first call. */
  public static Timer timer(String name) {
    return register(Timer.class, new Timer(checkName(name)));
  }

  /**
   * Registers a gauge read at every collection; a second registration of the name replaces the
   * supplier (the application may have rebuilt what it measures).
   */
  public static Gauge gauge(String name, String unit, DoubleSupplier supplier) {
    if (supplier == null) {
      throw new IllegalArgumentException("gauge '" + name + "': supplier must not be null");
    }
    Gauge gauge = new Gauge(checkName(name), checkUnit(unit), supplier);
    Instrument existing = BY_NAME.get(name);
    if (existing != null && !(existing instanceof Gauge && existing.unit().equals(gauge.unit()))) {
      throw conflict(existing, Gauge.class, gauge.unit());
    }
    BY_NAME.put(name, gauge);
    return gauge;
  }

  /**
   * Every registered instrument, for the agent's collection.
   *
   * <p><b>Internal:</b> public only so that the agent, in another package and class loader, can
   * read the instruments; not part of the API, and may change in any release.
   */
  public static List<Instrument> registered() {
    return new ArrayList<>(BY_NAME.values());
  }

  private static <T extends Instrument> T register(Class<T> kind, T fresh) {
    Instrument existing = BY_NAME.putIfAbsent(fresh.name(), fresh);
    if (existing == null) {
      return fresh;
    }
    if (kind.isInstance(existing) && existing.unit().equals(fresh.unit())) {
      return kind.cast(existing);
    }
    throw conflict(existing, kind, fresh.unit());
  }

  private static IllegalArgumentException conflict(
      Instrument existing, Class<?> kind, String unit) {
    return new IllegalArgumentException(
        "metric '"
            + existing.name()
            + "' is already a "
            + existing.getClass().getSimpleName()
            + " with unit '"
            + existing.unit()
            + "'; cannot register it as a "
            + kind.getSimpleName()
            + " with unit '"
            + unit
            + "'");
  }

  static String checkName(String name) {
    if (name == null || name.isEmpty() || name.length() > 255 || !isLetter(name.charAt(0))) {
      throw new IllegalArgumentException(
          "bad metric name '"
              + name
              + "': expected a letter, then up to 254 letters, digits, _ . - /");
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(isLetter(c)
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '.'
          || c == '-'
          || c == '/')) {
        throw new IllegalArgumentException(
            "bad metric name '"
                + name
                + "': character '"
                + c
                + "' at "
                + i
                + "; expected letters, digits, _ . - /");
      }
    }
    return name;
  }

  static String checkUnit(String unit) {
    if (unit == null) {
      return "";
    }
    if (unit.length() > 63) {
      throw new IllegalArgumentException("bad unit '" + unit + "': at most 63 characters");
    }
    for (int i = 0; i < unit.length(); i++) {
      char c = unit.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "bad unit '"
                + unit
                + "': expected printable ASCII without spaces, e.g. By, s, {order}");
      }
    }
    return unit;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
