package io.perfagent.exporter;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.util.Collection;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * What the SDK's {@code PeriodicMetricReader} does — collect and export every interval — on a
 * scheduler shared with the agent's own work instead of two threads of its own (a scheduler and an
 * export worker, SDK 1.68). Collections are serialized; the exporter chain in front of the network
 * ({@link BatchingExporter}) already keeps one round in flight, so nothing here waits for it.
 *
 * <p>The shared scheduler is never shut down from here: {@link #shutdown} only cancels this
 * reader's task, exports a last time on the calling thread and shuts the exporter down.
 */
final class ScheduledMetricReader implements MetricReader {

  private static final Logger LOG = Logger.getLogger(ScheduledMetricReader.class.getName());

  private final MetricExporter exporter;
  private final ScheduledExecutorService scheduler;
  private final long intervalMillis;
  private final Object collecting = new Object();
  private volatile @Nullable CollectionRegistration registration;
  private volatile @Nullable ScheduledFuture<?> task;
  private volatile boolean shutDown;

  ScheduledMetricReader(
      MetricExporter exporter, ScheduledExecutorService scheduler, long intervalMillis) {
    if (intervalMillis < 1) {
      throw new IllegalArgumentException("intervalMillis must be positive");
    }
    this.exporter = exporter;
    this.scheduler = scheduler;
    this.intervalMillis = intervalMillis;
  }

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
    task =
        scheduler.scheduleAtFixedRate(
            new Runnable() {
              @Override
              public void run() {
                exportNow();
              }
            },
            intervalMillis,
            intervalMillis,
            TimeUnit.MILLISECONDS);
  }

  /**
   * Exports once, soon, on the shared scheduler: a wrong endpoint shows in the log at start rather
   * than an interval later, and the exit's final export does not pay for loading the export path.
   */
  void exportSoon() {
    scheduler.execute(
        new Runnable() {
          @Override
          public void run() {
            exportNow();
          }
        });
  }

  @Override
  public CompletableResultCode forceFlush() {
    return shutDown ? CompletableResultCode.ofSuccess() : exportNow();
  }

  @Override
  public CompletableResultCode shutdown() {
    if (shutDown) {
      return CompletableResultCode.ofSuccess();
    }
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
    CompletableResultCode last = exportNow();
    shutDown = true;
    // The exporter's shutdown cancels what is in flight: the final export first. The pipeline
    // bounds the whole shutdown (perf.export.shutdown-timeout), so this wait needs no bound of
    // its own beyond the SDK's.
    last.join(1, TimeUnit.MINUTES);
    CompletableResultCode result = new CompletableResultCode();
    CompletableResultCode closed = exporter.shutdown();
    CompletableResultCode.ofAll(java.util.Arrays.asList(last, closed))
        .whenComplete(
            () -> {
              if (last.isSuccess() && closed.isSuccess()) {
                result.succeed();
              } else {
                result.fail();
              }
            });
    return result;
  }

  /** Collects and hands the metrics to the exporter; the result completes with the export. */
  private CompletableResultCode exportNow() {
    CollectionRegistration r = registration;
    if (r == null || shutDown) {
      return CompletableResultCode.ofSuccess();
    }
    synchronized (collecting) {
      try {
        Collection<MetricData> metrics = r.collectAllMetrics();
        if (metrics.isEmpty()) {
          return CompletableResultCode.ofSuccess();
        }
        return exporter.export(metrics);
      } catch (Throwable failure) {
        LOG.log(Level.WARNING, "collecting or exporting metrics failed", failure);
        return CompletableResultCode.ofExceptionalFailure(failure);
      }
    }
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return exporter.getAggregationTemporality(instrumentType);
  }

  @Override
  public Aggregation getDefaultAggregation(InstrumentType instrumentType) {
    return exporter.getDefaultAggregation(instrumentType);
  }

  @Override
  public MemoryMode getMemoryMode() {
    return exporter.getMemoryMode();
  }

  @Override
  public String toString() {
    return "ScheduledMetricReader{exporter="
        + exporter
        + ", intervalMillis="
        + intervalMillis
        + "}";
  }
}
