/**
 * Alert rules and their lifecycle: static thresholds, per-method latency and error ratio, SLO
 * budgets with multi-window burn rates, and anomalies, each alert pending → firing → resolved with
 * hysteresis and de-duplication. Pure and deterministic over the times it is handed (no clock, no
 * I/O, no threads); may use {@code core.analyze}, {@code core.detect}, {@code core.format}, {@code
 * core.json} and the JDK.
 */
package io.perfagent.core.alert;
