/**
 * Configuration: the table of keys ({@link io.perfagent.agent.config.ConfigKeys}), the sources
 * (agent arguments, system properties, environment, properties file) and the immutable result.
 * May use {@code log} and the exporter's {@code HistogramShape}.
 */
package io.perfagent.agent.config;
