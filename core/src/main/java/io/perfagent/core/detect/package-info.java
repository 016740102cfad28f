/**
 * Detection over per-cycle values: persistent degradation, robust outliers, step changes, leaks,
 * process-wide degradation, error ratio and throughput drops, and the {@link
 * io.perfagent.core.detect.Advisor} that turns findings into recommendations. Streaming, bounded
 * per series, pure and deterministic over the timestamps it is handed (no clock, no I/O, no
 * threads); may use {@code core.analyze} (only its {@code Level}), {@code core.json} (its writer)
 * and the JDK.
 */
package io.perfagent.core.detect;
