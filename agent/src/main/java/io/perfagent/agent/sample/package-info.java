/**
 * Continuous sampling of the process's resources ({@code /proc/self}, cgroup limits) and the JVM's
 * (MXBeans, GC notifications) on the agent's scheduler thread, kept as the latest sample, the
 * means of the current analysis cycle and bounded history; the OpenTelemetry mapping lives in
 * {@code exporter}. Sources are injectable (a folder standing in for {@code /proc/self}) so tests
 * feed fixtures. May use {@code log}, {@code lifecycle} and {@code core.model}.
 */
package io.perfagent.agent.sample;
