package io.perfagent.agent.cli;

import io.perfagent.core.analyze.Level;
import org.jspecify.annotations.Nullable;

/**
 * One recorded value of one series, as a {@link SeriesInput} reads it: the level and baseline when
 * the file carries them (perfwatch.jsonl), else null / NaN and the replay classifies it; the label
 * (0 / 1) when the file is labelled, else -1.
 */
final class ReplayPoint {
  final String series;
  final long timestamp;
  final double value;
  final int label;
  final @Nullable Level level;
  final double baseline;
  final long calls;
  final long errors;

  ReplayPoint(
      String series,
      long timestamp,
      double value,
      int label,
      @Nullable Level level,
      double baseline,
      long calls,
      long errors) {
    this.series = series;
    this.timestamp = timestamp;
    this.value = value;
    this.label = label;
    this.level = level;
    this.baseline = baseline;
    this.calls = calls;
    this.errors = errors;
  }

  /** A bare value (CSV). */
  static ReplayPoint bare(String series, long timestamp, double value, int label) {
    return new ReplayPoint(series, timestamp, value, label, null, Double.NaN, -1, -1);
  }
}
