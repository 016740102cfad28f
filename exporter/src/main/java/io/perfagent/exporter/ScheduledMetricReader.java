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
 * export worker, SDK 1.68). Collections are serialized, and a periodic round is skipped while the
 * previous one is unanswered; nothing here waits for the network (the sender is asynchronous).
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
  private volatile @Nullable CompletableResultCode inFlight; // the last periodic round

  ScheduledMetricReader(
      MetricExporter exporter, ScheduledExecutorService scheduler, long intervalMillis) {
    if (intervalMillis < 1) {
      throw new IllegalArgumentException("intervalMillis must be positive");
    }
    this.exporter = exporter;
    this.scheduler = scheduler;
    this.intervalMillis = intervalMillis;
  }

  /**
   * Takes the SDK's registration; nothing is scheduled yet (see {@link #start}), so the shared
   * scheduler's thread does not start before the agent's own components are running.
   */
  @Override
  public void register(CollectionRegistration registration) {
    this.registration = registration;
  }

  /**
   * Starts the periodic exports and exports once soon. Called once the agent's components run: the
   * scheduler's thread starting is the sign that the GC listener is subscribed, and an export
   * before the samplers run would carry nothing of theirs anyway.
   */
  void start() {
    if (registration == null || shutDown || task != null) {
      return;
    }
    task =
        scheduler.scheduleAtFixedRate(
            new Runnable() {
              @Override
              public void run() {
                exportUnlessBusy();
              }
            },
            intervalMillis,
            intervalMillis,
            TimeUnit.MILLISECONDS);
    // Once, soon: a wrong endpoint shows in the log at start rather than an interval later, and
    // the exit's final export does not pay for loading the export path.
    scheduler.execute(
        new Runnable() {
          @Override
          public void run() {
            exportUnlessBusy();
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

  /**
   * A periodic round: skipped while the previous one is still waiting for the Collector, as the
   * SDK's periodic reader does (the send is asynchronous, so rounds would otherwise overlap and be
   * refused one after the other further down the chain; counters are cumulative, the next round
   * carries the totals).
   */
  private void exportUnlessBusy() {
    CompletableResultCode previous = inFlight;
    if (previous != null && !previous.isDone()) {
      return;
    }
    inFlight = exportNow();
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
