package io.perfagent.exporter;

import java.util.Locale;

/**
 * How duration histograms leave the process, chosen by the standard {@code
 * OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION}.
 */
public enum HistogramShape {
  /** Explicit buckets with {@link ExplicitBuckets#DEFAULT_BOUNDARIES_SECONDS}; the OTel default. */
  EXPLICIT,
  /** Base-2 exponential buckets, at most 160 of them, scale 3 or lower. */
  EXPONENTIAL;

  /**
   * Parses the standard setting's value ({@code explicit_bucket_histogram} or {@code
   * base2_exponential_bucket_histogram}, case-insensitive).
   *
   * @throws IllegalArgumentException naming the expected values
   */
  public static HistogramShape parse(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "explicit_bucket_histogram":
        return EXPLICIT;
      case "base2_exponential_bucket_histogram":
        return EXPONENTIAL;
      default:
        throw new IllegalArgumentException(
            "expected explicit_bucket_histogram or base2_exponential_bucket_histogram, got '"
                + value
                + "'");
    }
  }
}
