package io.perfagent.core.detect;

import io.perfagent.core.json.JsonWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing a detector found: an anomaly (worth an alert), an event (recorded and shown, never an
 * alert: a single outlier), or the resolution of an earlier anomaly with the same {@link #id()}.
 * Immutable; built with {@link #builder(FindingKind, String)}.
 */
public final class Finding {

  private final String id;
  private final FindingKind kind;
  private final String series;
  private final Severity severity;
  private final boolean anomaly;
  private final boolean resolved;
  private final long timestamp;
  private final long since;
  private final double value;
  private final double baseline;
  private final double threshold;
  private final long calls;
  private final long timeToLimitMs;
  private final String evidence;

  private Finding(Builder b) {
    this.kind = b.kind;
    this.series = b.series;
    this.severity = b.severity;
    this.anomaly = b.anomaly;
    this.resolved = b.resolved;
    this.timestamp = b.timestamp;
    this.since = b.since;
    this.value = b.value;
    this.baseline = b.baseline;
    this.threshold = b.threshold;
    this.calls = b.calls;
    this.timeToLimitMs = b.timeToLimitMs;
    this.evidence = Objects.requireNonNull(b.evidence, "evidence"); // build() checked
    this.id = kind.id() + ":" + series + ":" + since;
  }

  /** Starts a finding of {@code kind} on {@code series} (a method name or indicator key). */
  public static Builder builder(FindingKind kind, String series) {
    return new Builder(kind, series);
  }

  /** {@code kind:series:since}; a resolution carries the id of the anomaly it closes. */
  public String id() {
    return id;
  }

  public FindingKind kind() {
    return kind;
  }

  /** The method name or indicator key, or {@code process} for process-wide findings. */
  public String series() {
    return series;
  }

  public Severity severity() {
    return severity;
  }

  /** True for an anomaly or its resolution; false for an event (a single spike). */
  public boolean isAnomaly() {
    return anomaly;
  }

  /** True when this closes the open anomaly with the same id. */
  public boolean isResolved() {
    return resolved;
  }

  /** Epoch ms of the cycle that produced this finding. */
  public long timestamp() {
    return timestamp;
  }

  /** Epoch ms since when it holds: the first degraded cycle, the change point, the trend start. */
  public long since() {
    return since;
  }

  /**
   * The value that triggered it (latency, bytes, ratio, calls …, or for leaks the slope per hour).
   */
  public double value() {
    return value;
  }

  /** The baseline it was judged against (the "before" value of a step); NaN when none. */
  public double baseline() {
    return baseline;
  }

  /** The threshold crossed, in the unit of {@link #value()}; NaN when none. */
  public double threshold() {
    return threshold;
  }

  /** The calls in the cycle, for method findings; -1 otherwise. */
  public long calls() {
    return calls;
  }

  /** For leaks: the estimated time until the limit is reached; -1 when unknown or no limit. */
  public long timeToLimitMs() {
    return timeToLimitMs;
  }

  /** One sentence with the numbers that justify the finding. */
  public String evidence() {
    return evidence;
  }

  /** Whether this opens or escalates an anomaly (not an event, not a resolution). */
  public boolean opensAnomaly() {
    return anomaly && !resolved;
  }

  /**
   * One JSON object on one line; NaN and absent values are left out, numbers have up to six
   * significant digits (as in the history).
   */
  public String toJson() {
    JsonWriter w =
        new JsonWriter()
            .beginObject()
            .name("id", id)
            .name("kind", kind.id())
            .name("series", series)
            .name("severity", severity.label())
            .name("anomaly", anomaly)
            .name("resolved", resolved)
            .name("timestamp", timestamp)
            .name("since", since);
    finite(w, "value", value);
    finite(w, "baseline", baseline);
    finite(w, "threshold", threshold);
    if (calls >= 0) {
      w.name("calls", calls);
    }
    if (timeToLimitMs >= 0) {
      w.name("time_to_limit_ms", timeToLimitMs);
    }
    return w.name("evidence", evidence).endObject().toString();
  }

  private static void finite(JsonWriter w, String name, double value) {
    if (!Double.isNaN(value) && !Double.isInfinite(value)) {
      w.name(name, value);
    }
  }

  @Override
  public String toString() {
    return (resolved ? "resolved " : anomaly ? "" : "event ")
        + severity.label()
        + " "
        + kind.id()
        + " "
        + series
        + ": "
        + evidence;
  }

  /** Builds a {@link Finding}; timestamp and evidence are required. */
  public static final class Builder {
    private final FindingKind kind;
    private final String series;
    private Severity severity = Severity.INFO;
    private boolean anomaly = true;
    private boolean resolved;
    private long timestamp = Long.MIN_VALUE;
    private long since = Long.MIN_VALUE;
    private double value = Double.NaN;
    private double baseline = Double.NaN;
    private double threshold = Double.NaN;
    private long calls = -1;
    private long timeToLimitMs = -1;
    private @Nullable String evidence;

    private Builder(FindingKind kind, String series) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.series = Objects.requireNonNull(series, "series");
    }

    public Builder severity(Severity severity) {
      this.severity = Objects.requireNonNull(severity, "severity");
      return this;
    }

    /** Marks this an event (shown, never an alert). */
    public Builder event() {
      this.anomaly = false;
      return this;
    }

    /** Marks this the resolution of the anomaly that started at {@link #since(long)}. */
    public Builder resolved() {
      this.resolved = true;
      return this;
    }

    public Builder timestamp(long epochMs) {
      this.timestamp = epochMs;
      return this;
    }

    public Builder since(long epochMs) {
      this.since = epochMs;
      return this;
    }

    public Builder value(double value) {
      this.value = value;
      return this;
    }

    public Builder baseline(double baseline) {
      this.baseline = baseline;
      return this;
    }

    public Builder threshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    public Builder calls(long calls) {
      this.calls = calls;
      return this;
    }

    public Builder timeToLimitMs(long ms) {
      this.timeToLimitMs = ms;
      return this;
    }

    public Builder evidence(String evidence) {
      this.evidence = Objects.requireNonNull(evidence, "evidence");
      return this;
    }

    public Finding build() {
      if (timestamp == Long.MIN_VALUE) {
        throw new IllegalStateException("timestamp is required");
      }
      if (evidence == null) {
        throw new IllegalStateException("evidence is required");
      }
      if (since == Long.MIN_VALUE) {
        since = timestamp;
      }
      return new Finding(this);
    }
  }
}
