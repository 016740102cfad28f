package io.perfagent.agent.sample;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.core.model.GcPauses;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * GC pauses from the JVM's GC notifications, as {@code jvm.gc.duration} histograms by {@code
 * jvm.gc.name} and {@code jvm.gc.action}, with the semantic conventions' boundaries (0.01, 0.1, 1,
 * 10 s). The JVM calls the listener on its own notification thread, once per collection.
 */
final class GcDurations implements NotificationListener {

  /** Per (name, action): bucket counts, then the sum in microseconds at the last slot. */
  private final Map<List<String>, AtomicLongArray> byKey = new ConcurrentHashMap<>();

  private final List<NotificationEmitter> subscribed = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong totalMicros =
      new java.util.concurrent.atomic.AtomicLong();

  /** Listens to every collector that emits notifications. */
  void subscribe() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        ((NotificationEmitter) gc).addNotificationListener(this, null, null);
        subscribed.add((NotificationEmitter) gc);
      }
    }
  }

  void unsubscribe() {
    for (NotificationEmitter e : subscribed) {
      try {
        e.removeNotificationListener(this);
      } catch (Exception ignored) {
        // already gone
      }
    }
    subscribed.clear();
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    try {
      if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
          notification.getType())) {
        GarbageCollectionNotificationInfo info =
            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        record(info.getGcName(), info.getGcAction(), info.getGcInfo().getDuration() / 1000.0);
      }
    } catch (Throwable failure) {
      AgentLog.warnThrottled("gc-notification", "could not read a GC notification: " + failure);
    }
  }

  /** Records one pause of {@code seconds}. */
  void record(String gcName, String action, double seconds) {
    AtomicLongArray h =
        byKey.computeIfAbsent(
            List.of(gcName, action), k -> new AtomicLongArray(GcPauses.BOUNDARY_COUNT + 2));
    h.incrementAndGet(GcPauses.bucketOf(seconds));
    long micros = Math.round(seconds * 1e6);
    h.addAndGet(GcPauses.BOUNDARY_COUNT + 1, micros);
    totalMicros.addAndGet(micros);
  }

  /**
   * The total pause time so far over every collector, µs (no iteration: the sampler's path
   * allocates nothing).
   */
  long totalMicros() {
    return totalMicros.get();
  }

  /** The histograms so far: key = [name, action], value = bucket counts then sum in µs. */
  Map<List<String>, long[]> snapshot() {
    Map<List<String>, long[]> out = new java.util.HashMap<>();
    for (Map.Entry<List<String>, AtomicLongArray> e : byKey.entrySet()) {
      AtomicLongArray h = e.getValue();
      long[] copy = new long[h.length()];
      for (int i = 0; i < copy.length; i++) {
        copy[i] = h.get(i);
      }
      out.put(e.getKey(), copy);
    }
    return out;
  }
}
