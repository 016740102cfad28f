package io.perfagent.exporter;

import org.jspecify.annotations.Nullable;

/**
 * One collection on its way out: how many points it holds, how many the Collector confirmed, and
 * why the others did not get there. Thread-safe: requests complete on the exporter's threads while
 * the shutdown reads the round.
 */
final class ExportRound {

  private final long sequence;
  private final int points;
  private final int requests;
  private int delivered;
  private int undelivered;
  private boolean started;
  private boolean done;
  private @Nullable String reason;

  ExportRound(long sequence, int points, int requests) {
    this.sequence = sequence;
    this.points = points;
    this.requests = requests;
  }

  long sequence() {
    return sequence;
  }

  int points() {
    return points;
  }

  int requests() {
    return requests;
  }

  synchronized void started() {
    started = true;
  }

  synchronized void delivered(int count) {
    delivered += count;
  }

  /** {@code count} points will not be delivered; the first reason given is kept. */
  synchronized void lost(int count, @Nullable String why) {
    undelivered += count;
    if (reason == null) {
      reason = why;
    }
  }

  synchronized void finish() {
    done = true;
  }

  synchronized boolean isStarted() {
    return started;
  }

  synchronized boolean isDone() {
    return done;
  }

  synchronized int delivered() {
    return delivered;
  }

  synchronized boolean allDelivered() {
    return done && delivered == points;
  }

  /** E.g. {@code 1200 of 20345 points not delivered (gRPC status ...)}; for a finished round. */
  synchronized String lossText() {
    return (points - delivered)
        + " of "
        + points
        + " points not delivered"
        + (reason == null ? "" : " (" + reason + ")");
  }
}
