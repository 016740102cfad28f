/**
 * Continuous sampling of the process's resources ({@code /proc/self}, cgroup limits) and the JVM's
 * (MXBeans, GC notifications) on one scheduler thread, kept as the latest sample plus bounded
 * history, and turned into OpenTelemetry metrics at collection time. Sources are injectable (a
 * folder standing in for {@code /proc/self}) so tests feed fixtures. May use {@code log},
 * {@code bootstrap}'s API and the exporter's SDK types.
 */
package io.perfagent.agent.sample;
