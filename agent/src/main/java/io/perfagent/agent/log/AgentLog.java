package io.perfagent.agent.log;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The agent's own log: one line per event on standard error, prefixed {@code [perf-agent]}.
 *
 * <p>Not {@code java.util.logging}: touching JUL from {@code premain} initialises the global {@code
 * LogManager} before the application can install its own (JBoss LogManager, for one), and an agent
 * must never change how its host logs. Repeated warnings go through {@link #warnEvery} so that a
 * collector that is down does not flood the host's log.
 */
public final class AgentLog {

  /** Severity, lowest first. */
  public enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR,
    OFF
  }

  private static volatile Level threshold = Level.INFO;
  private static final ConcurrentMap<String, Long> lastByKey = new ConcurrentHashMap<>();

  private AgentLog() {}

  /** Sets the lowest level that is printed. */
  public static void setLevel(Level level) {
    threshold = level;
  }

  /** Parses {@code debug|info|warn|error|off}, case-insensitive. */
  public static Level parseLevel(String value) {
    try {
      return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected one of debug, info, warn, error, off");
    }
  }

  public static void debug(String message) {
    log(Level.DEBUG, message, null);
  }

  public static void info(String message) {
    log(Level.INFO, message, null);
  }

  public static void warn(String message) {
    log(Level.WARN, message, null);
  }

  public static void warn(String message, Throwable cause) {
    log(Level.WARN, message, cause);
  }

  public static void error(String message, Throwable cause) {
    log(Level.ERROR, message, cause);
  }

  /**
   * How often a repeated warning may be printed: once a minute, so that a failure that lasts a day
   * costs the host's log a line a minute, not a flood.
   */
  public static final long WARN_INTERVAL_MILLIS = 60_000;

  /** Warns at most once per {@link #WARN_INTERVAL_MILLIS} for the same {@code key}. */
  public static boolean warnThrottled(String key, String message) {
    return warnEvery(key, WARN_INTERVAL_MILLIS, message);
  }

  /**
   * Warns at most once per {@code intervalMillis} for the same {@code key}; returns whether it
   * printed.
   */
  public static boolean warnEvery(String key, long intervalMillis, String message) {
    long now = System.currentTimeMillis();
    Long last = lastByKey.get(key);
    if (last != null && now - last < intervalMillis) {
      return false;
    }
    boolean won =
        last == null ? lastByKey.putIfAbsent(key, now) == null : lastByKey.replace(key, last, now);
    if (won) {
      warn(message);
    }
    return won;
  }

  /**
   * Closes {@code resource} if there is one; a failure costs one warning naming {@code what}, never
   * an exception: whatever else is being closed still gets its turn.
   */
  public static void closeQuietly(@Nullable AutoCloseable resource, String what) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Throwable failure) {
      warn(what + " did not close cleanly: " + failure);
    }
  }

  private static void log(Level level, String message, @Nullable Throwable cause) {
    if (level.ordinal() < threshold.ordinal()) {
      return;
    }
    StringBuilder line = new StringBuilder(96).append("[perf-agent] ");
    if (level != Level.INFO) {
      line.append(level).append(' ');
    }
    line.append(message);
    if (cause != null) {
      line.append(": ").append(cause);
    }
    System.err.println(line);
    if (cause != null && threshold == Level.DEBUG) {
      cause.printStackTrace();
    }
  }
}
