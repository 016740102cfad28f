package io.perfagent.agent;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigKeys;
import io.perfagent.agent.lifecycle.AgentScheduler;
import io.perfagent.agent.lifecycle.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Watches {@code perf.config.file} and {@code perf.rules.file} (the ones in force, so a reload that
 * names another rules file moves the watch) by polling their modification time and size once a
 * second on the shared scheduler (no thread of its own), and reloads when one changed, at most once
 * per {@value #MIN_GAP_MILLIS} ms: a change within that time is picked up when it has passed.
 */
final class ConfigWatch implements Component {

  static final long POLL_MILLIS = 1_000;
  static final long MIN_GAP_MILLIS = 5_000;

  /** What the watch asks of the reload: a trigger, and the configuration in force. */
  interface Reloadable {
    void reload(String trigger);

    AgentConfig current();
  }

  private final Reloadable reload;
  private final LongSupplier clock;
  private List<String> files;
  private List<String> seen;
  private long lastReloadMillis;
  private @Nullable ScheduledFuture<?> task;

  ConfigWatch(ConfigReload reload) {
    this(
        new Reloadable() {
          @Override
          public void reload(String trigger) {
            reload.reload(trigger, Reply.NONE);
          }

          @Override
          public AgentConfig current() {
            return reload.current();
          }
        },
        System::currentTimeMillis);
  }

  ConfigWatch(Reloadable reload, LongSupplier clock) {
    this.reload = reload;
    this.clock = clock;
    this.files = watched(reload.current());
    this.seen = stamps(files);
    this.lastReloadMillis = clock.getAsLong();
  }

  /** Whether {@code config} names a file to watch. */
  static boolean anyToWatch(AgentConfig config) {
    return !watched(config).isEmpty();
  }

  @Override
  public String name() {
    return "config watch";
  }

  @Override
  public synchronized void start(AgentScheduler scheduler) {
    task = scheduler.every("config-watch", POLL_MILLIS, this::poll);
  }

  /** One poll; the scheduler runs it every second. */
  synchronized void poll() {
    List<String> named = watched(reload.current());
    if (!named.equals(files)) {
      // A reload asked for by the CLI named other files: watch those, as they are now.
      files = named;
      seen = stamps(files);
      return;
    }
    List<String> now = stamps(files);
    if (now.equals(seen)) {
      return;
    }
    long millis = clock.getAsLong();
    if (millis - lastReloadMillis < MIN_GAP_MILLIS) {
      return; // picked up on a later poll
    }
    String trigger = "";
    for (int i = 0; i < files.size(); i++) {
      if (!now.get(i).equals(seen.get(i))) {
        trigger = files.get(i) + " changed";
        break;
      }
    }
    lastReloadMillis = millis;
    reload.reload(trigger);
    // The reload may name other files: watch those from now on, as they are now.
    files = watched(reload.current());
    seen = stamps(files);
  }

  private static List<String> watched(AgentConfig config) {
    List<String> out = new ArrayList<>();
    if (!config.configFile().isEmpty()) {
      out.add(config.configFile());
    }
    String rules = config.get(ConfigKeys.RULES_FILE);
    if (!rules.isEmpty() && !out.contains(rules)) {
      out.add(rules);
    }
    return out;
  }

  private static List<String> stamps(List<String> files) {
    List<String> out = new ArrayList<>(files.size());
    for (String f : files) {
      out.add(stamp(f));
    }
    return out;
  }

  private static String stamp(String file) {
    try {
      BasicFileAttributes a = Files.readAttributes(Paths.get(file), BasicFileAttributes.class);
      return a.lastModifiedTime().toMillis() + ":" + a.size();
    } catch (IOException | RuntimeException missing) {
      return "missing";
    }
  }

  @Override
  public synchronized void close() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
