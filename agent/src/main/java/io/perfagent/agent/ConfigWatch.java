package io.perfagent.agent;

import io.perfagent.agent.lifecycle.AgentScheduler;
import io.perfagent.agent.lifecycle.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Watches {@code perf.config.file} by polling its modification time and size once a second on the
 * shared scheduler (no thread of its own) and reloads when it changed, at most once per {@value
 * #MIN_GAP_MILLIS} ms: a change within that time is picked up when it has passed.
 */
final class ConfigWatch implements Component {

  static final long POLL_MILLIS = 1_000;
  static final long MIN_GAP_MILLIS = 5_000;

  private final Path file;
  private final ConfigReload reload;
  private @Nullable String seen;
  private long lastReloadMillis;
  private @Nullable ScheduledFuture<?> task;

  ConfigWatch(String file, ConfigReload reload) {
    this.file = Paths.get(file);
    this.reload = reload;
    this.seen = stamp();
    this.lastReloadMillis = System.currentTimeMillis();
  }

  @Override
  public String name() {
    return "config watch";
  }

  @Override
  public synchronized void start(AgentScheduler scheduler) {
    task = scheduler.every("config-watch", POLL_MILLIS, this::poll);
  }

  private void poll() {
    String now = stamp();
    if (now.equals(seen)) {
      return;
    }
    long millis = System.currentTimeMillis();
    if (millis - lastReloadMillis < MIN_GAP_MILLIS) {
      return; // picked up on a later poll
    }
    seen = now;
    lastReloadMillis = millis;
    reload.reload("the file changed", Reply.NONE);
  }

  private String stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
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
