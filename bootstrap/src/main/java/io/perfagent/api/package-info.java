/**
 * The programmatic API for application-defined metrics: {@link io.perfagent.api.PerfMetrics}
 * gauges, counters and timers, and the {@link io.perfagent.api.PerfAlerts} alert listeners. Works
 * with or without the agent (without it, values are kept and never exported); bad names and units
 * fail at registration, never while recording. May use only the JDK.
 */
package io.perfagent.api;
