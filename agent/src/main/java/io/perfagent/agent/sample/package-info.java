/**
 * Continuous sampling of the process's resources ({@code /proc/self}, cgroup limits) and the JVM's
 * (MXBeans, GC notifications) on the agent's scheduler thread, kept as the latest sample, the means
 * of the current analysis cycle and bounded history; the OpenTelemetry mapping lives in {@code
 * exporter}. Sources are injectable (a folder standing in for {@code /proc/self}) so tests feed
 * fixtures. Also the application's thread pools, found through the bootstrap's {@code
 * ExecutorProbe} and published as {@code PerfMetrics} gauges. May use {@code log}, {@code
 * lifecycle}, {@code core.model} and the bootstrap classes.
 */
package io.perfagent.agent.sample;
