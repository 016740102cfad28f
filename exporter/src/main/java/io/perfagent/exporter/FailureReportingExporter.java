package io.perfagent.exporter;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reports a failing exporter in one line at most once per interval, and once more when it recovers:
 * a collector that is down for a day costs the host's log a line a minute, not a stack trace per
 * attempt. Counters are cumulative, so the next successful export catches up; the line says why the
 * export failed (the Collector's answer, or the network error), since a refusal that repeats on
 * every attempt (a request too large, a bad token) never catches up.
 */
final class FailureReportingExporter extends ForwardingMetricExporter {

  static final long REPORT_INTERVAL_MILLIS = 60_000;

  private final String target;
  private final Consumer<String> warn;
  private final LongSupplier clockMillis;
  private final AtomicLong failuresSinceSuccess = new AtomicLong();
  private final AtomicLong lastReportMillis = new AtomicLong(Long.MIN_VALUE);
  private volatile boolean closing;

  FailureReportingExporter(
      MetricExporter delegate, String target, Consumer<String> warn, LongSupplier clockMillis) {
    super(delegate);
    this.target = target;
    this.warn = warn;
    this.clockMillis = clockMillis;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    CompletableResultCode result;
    try {
      result = delegate.export(metrics);
    } catch (RuntimeException e) {
      result = CompletableResultCode.ofExceptionalFailure(e);
    }
    CompletableResultCode done = result;
    done.whenComplete(() -> onComplete(done));
    return done;
  }

  private void onComplete(CompletableResultCode result) {
    if (result.isSuccess()) {
      long failed = failuresSinceSuccess.getAndSet(0);
      if (failed > 0) {
        warn.accept(
            "metrics export to " + target + " works again after " + failed + " failed attempts");
      }
      return;
    }
    if (closing) {
      // An export cut short by the exit is no failed attempt, and the final export's outcome
      // gets a line of its own, without "retrying".
      return;
    }
    long failed = failuresSinceSuccess.incrementAndGet();
    if (result.getFailureThrowable() instanceof ExportFailures.RoundSkipped) {
      // Skipped behind an unanswered round: the line of the minute is kept for that round's
      // outcome, which names the real reason (the Collector's answer or the network error).
      return;
    }
    long now = clockMillis.getAsLong();
    long last = lastReportMillis.get();
    boolean due = last == Long.MIN_VALUE || now - last >= REPORT_INTERVAL_MILLIS;
    if (due && lastReportMillis.compareAndSet(last, now)) {
      warn.accept(
          "metrics export to "
              + target
              + " failed ("
              + failed
              + (failed == 1 ? " attempt" : " attempts")
              + " so far; last: "
              + ExportFailures.describe(result.getFailureThrowable())
              + "); retrying every interval, reporting at most once a minute; counters are"
              + " cumulative, so the next export that succeeds carries their totals");
    }
  }

  /** The application is exiting: failures from now on are reported by the shutdown's own line. */
  void beginFinal() {
    closing = true;
  }

  @Override
  public String toString() {
    return "FailureReporting{" + delegate + "}";
  }
}
