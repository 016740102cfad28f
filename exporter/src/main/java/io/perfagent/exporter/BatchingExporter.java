package io.perfagent.exporter;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Sends one collection as several requests of bounded size ({@link MetricBatches}), one after the
 * other, and keeps account of what arrived ({@link ExportRound}).
 *
 * <p>At most one round is in flight: while the Collector has not answered the previous one, a new
 * collection is not sent (it is reported as failed; counters are cumulative, so the next round
 * carries its totals) — except the final one at shutdown, which waits for its turn. When a request
 * fails before any answer (refused, unreachable, timed out), the rest of the round is not sent: it
 * would fail the same way, and each attempt would cost the timeout again.
 */
final class BatchingExporter extends ForwardingMetricExporter {

  /** Well under the smallest common limit: 1 MiB (nginx), 4 MiB (the Collector's gRPC receiver). */
  static final long MAX_REQUEST_BYTES = 512 * 1024;

  private final String target;
  private final int maxPoints;
  private final long maxBytes;
  private final Object lock = new Object();
  private long rounds; // guarded by lock
  private @Nullable ExportRound latest; // guarded by lock
  private @Nullable CompletableResultCode inFlight; // guarded by lock
  private long finalAfter = Long.MAX_VALUE; // guarded by lock: rounds after this one are final

  BatchingExporter(MetricExporter delegate, String target, int maxPoints, long maxBytes) {
    super(delegate);
    if (maxPoints < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("maxPoints and maxBytes must be positive");
    }
    this.target = target;
    this.maxPoints = maxPoints;
    this.maxBytes = maxBytes;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    List<List<MetricData>> requests = MetricBatches.split(metrics, maxPoints, maxBytes);
    CompletableResultCode result = new CompletableResultCode();
    CompletableResultCode previous;
    ExportRound round;
    synchronized (lock) {
      round = new ExportRound(++rounds, MetricBatches.points(metrics), requests.size());
      latest = round;
      previous = inFlight;
      boolean isFinal = round.sequence() > finalAfter;
      if (previous != null && !isFinal) {
        round.lost(round.points(), "the previous export was still waiting for an answer");
        round.finish();
        return CompletableResultCode.ofExceptionalFailure(
            new ExportFailures.RoundSkipped(round.lossText()));
      }
      inFlight = result;
    }
    Sender sender = new Sender(round, requests.iterator(), result);
    if (previous == null) {
      sender.run();
    } else {
      previous.whenComplete(sender);
    }
    return result;
  }

  /**
   * Shuts the wrapped exporter down only once the round in flight (usually the final one, queued
   * behind a periodic round the Collector has not answered yet) is answered: the SDK's reader calls
   * this as soon as its own wait for the final export ends, and a shut-down OTLP exporter refuses
   * every request with no reason given, so the final round would lose the totals. The wait is
   * bounded by the caller ({@code perf.export.shutdown-timeout}).
   */
  @Override
  public CompletableResultCode shutdown() {
    CompletableResultCode pending;
    synchronized (lock) {
      pending = inFlight;
    }
    if (pending == null) {
      return delegate.shutdown();
    }
    CompletableResultCode result = new CompletableResultCode();
    pending.whenComplete(
        () -> {
          CompletableResultCode closed;
          try {
            closed = delegate.shutdown();
          } catch (RuntimeException e) {
            closed = CompletableResultCode.ofExceptionalFailure(e);
          }
          CompletableResultCode done = closed;
          done.whenComplete(
              () -> {
                if (done.isSuccess()) {
                  result.succeed();
                } else {
                  result.fail();
                }
              });
        });
    return result;
  }

  /** From now on, rounds are final: they wait for the one in flight instead of being skipped. */
  void beginFinal() {
    synchronized (lock) {
      finalAfter = rounds;
    }
  }

  /**
   * What became of the final round, in one line for the log; {@code null} when it delivered every
   * point, or when there was nothing to send and the shutdown completed.
   */
  @Nullable String finalProblem(boolean shutdownCompleted, long timeoutMillis) {
    ExportRound round;
    boolean waiting;
    synchronized (lock) {
      round = latest != null && latest.sequence() > finalAfter ? latest : null;
      waiting = inFlight != null;
    }
    String within = " within " + timeoutMillis + " ms (perf.export.shutdown-timeout)";
    String head = "the final export to " + target;
    if (round == null) {
      return shutdownCompleted
          ? null
          : head
              + " did not start"
              + within
              + (waiting ? " (an earlier export was still waiting for an answer)" : "")
              + ": the totals since the last export that succeeded are not delivered";
    }
    if (round.allDelivered()) {
      return null;
    }
    if (round.isDone()) {
      return head + " failed: " + round.lossText();
    }
    if (!round.isStarted()) {
      return head
          + " did not start"
          + within
          + " (the export before it was still waiting for an answer): "
          + round.points()
          + " of "
          + round.points()
          + " points not delivered";
    }
    return head
        + " did not finish"
        + within
        + ": "
        + (round.points() - round.delivered())
        + " of "
        + round.points()
        + " points not delivered";
  }

  /** Sends a round's requests in order, each when the previous one has been answered. */
  private final class Sender implements Runnable {
    private final ExportRound round;
    private final Iterator<List<MetricData>> requests;
    private final CompletableResultCode result;

    Sender(ExportRound round, Iterator<List<MetricData>> requests, CompletableResultCode result) {
      this.round = round;
      this.requests = requests;
      this.result = result;
    }

    @Override
    public void run() {
      round.started();
      while (requests.hasNext()) {
        List<MetricData> request = requests.next();
        int points = MetricBatches.points(request);
        CompletableResultCode sent;
        try {
          sent = delegate.export(request);
        } catch (RuntimeException e) {
          sent = CompletableResultCode.ofExceptionalFailure(e);
        }
        if (!sent.isDone()) {
          CompletableResultCode pending = sent;
          pending.whenComplete(
              new Runnable() {
                @Override
                public void run() {
                  if (settle(pending, points)) {
                    Sender.this.run();
                  } else {
                    finish();
                  }
                }
              });
          return;
        }
        if (!settle(sent, points)) {
          finish();
          return;
        }
      }
      finish();
    }

    /** Accounts for one answered request; false when the rest of the round is not worth sending. */
    private boolean settle(CompletableResultCode sent, int points) {
      if (sent.isSuccess()) {
        round.delivered(points);
        return true;
      }
      Throwable failure = sent.getFailureThrowable();
      round.lost(points, ExportFailures.describe(failure));
      if (!ExportFailures.beforeAnyAnswer(failure)) {
        return true;
      }
      int rest = 0;
      while (requests.hasNext()) {
        rest += MetricBatches.points(requests.next());
      }
      round.lost(rest, null);
      return false;
    }

    private void finish() {
      round.finish();
      synchronized (lock) {
        if (inFlight == result) {
          inFlight = null;
        }
      }
      if (round.allDelivered()) {
        result.succeed();
      } else {
        result.failExceptionally(new ExportFailures.RoundFailure(round.lossText()));
      }
    }
  }

  @Override
  public String toString() {
    return "Batching{" + target + "}";
  }
}
