package io.perfagent.core.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the advisor looks at: the open anomalies, the baseline's window and age, the service version
 * now and when the baseline was built, and a few readings of the cycle (GC time share, threads,
 * memory pools). Unknown readings are NaN / null. Immutable; built with {@link #builder(String,
 * long)}.
 */
public final class AdvisorInput {

  /** One memory pool's use against its maximum (after GC for heap pools). */
  public static final class Pool {
    final String name;
    final double used;
    final double max;

    public Pool(String name, double used, double max) {
      this.name = Objects.requireNonNull(name, "name");
      this.used = used;
      this.max = max;
    }
  }

  final String service;
  final long now;
  final List<Finding> findings;
  final String baselineWindow;
  final long baselineBuiltAt;
  final @Nullable String serviceVersion;
  final @Nullable String baselineServiceVersion;
  final double gcTimeFraction;
  final double gcTimeFractionBaseline;
  final double threads;
  final double threadsBaseline;
  final List<Pool> pools;

  private AdvisorInput(Builder b) {
    service = b.service;
    now = b.now;
    findings = Collections.unmodifiableList(new ArrayList<>(b.findings));
    baselineWindow = b.baselineWindow;
    baselineBuiltAt = b.baselineBuiltAt;
    serviceVersion = b.serviceVersion;
    baselineServiceVersion = b.baselineServiceVersion;
    gcTimeFraction = b.gcTimeFraction;
    gcTimeFractionBaseline = b.gcTimeFractionBaseline;
    threads = b.threads;
    threadsBaseline = b.threadsBaseline;
    pools = Collections.unmodifiableList(new ArrayList<>(b.pools));
  }

  /** Input for {@code service} at {@code nowEpochMs}. */
  public static Builder builder(String service, long nowEpochMs) {
    return new Builder(service, nowEpochMs);
  }

  /** Builds an {@link AdvisorInput}. */
  public static final class Builder {
    private final String service;
    private final long now;
    private final List<Finding> findings = new ArrayList<>();
    private String baselineWindow = "recent cycles";
    private long baselineBuiltAt = -1;
    private @Nullable String serviceVersion;
    private @Nullable String baselineServiceVersion;
    private double gcTimeFraction = Double.NaN;
    private double gcTimeFractionBaseline = Double.NaN;
    private double threads = Double.NaN;
    private double threadsBaseline = Double.NaN;
    private final List<Pool> pools = new ArrayList<>();

    private Builder(String service, long now) {
      this.service = Objects.requireNonNull(service, "service");
      this.now = now;
    }

    /** The open anomalies (events and resolutions are ignored). */
    public Builder findings(List<Finding> open) {
      findings.addAll(open);
      return this;
    }

    /** How the baseline was made, e.g. {@code 7 days, hour 14}. */
    public Builder baselineWindow(String text) {
      baselineWindow = Objects.requireNonNull(text, "baselineWindow");
      return this;
    }

    /** When the baseline was last rebuilt from scratch (epoch ms; -1 unknown). */
    public Builder baselineBuiltAt(long epochMs) {
      baselineBuiltAt = epochMs;
      return this;
    }

    /** {@code service.version} now and when the baseline was built (null unknown). */
    public Builder versions(String now, String atBaseline) {
      serviceVersion = now;
      baselineServiceVersion = atBaseline;
      return this;
    }

    /** The share of wall time spent in GC in the cycle, and its baseline (NaN unknown). */
    public Builder gcTimeFraction(double value, double baseline) {
      gcTimeFraction = value;
      gcTimeFractionBaseline = baseline;
      return this;
    }

    /** Live threads now and their baseline. */
    public Builder threads(double value, double baseline) {
      threads = value;
      threadsBaseline = baseline;
      return this;
    }

    public Builder pool(String name, double used, double max) {
      pools.add(new Pool(name, used, max));
      return this;
    }

    public AdvisorInput build() {
      return new AdvisorInput(this);
    }
  }
}
