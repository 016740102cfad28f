/**
 * Configuration: the table of keys ({@link io.perfagent.agent.config.ConfigKeys}), the sources
 * (agent arguments, system properties, environment, properties file) and the immutable result. May
 * use {@code log}, and from the exporter only the names of its settings ({@code HistogramShape},
 * {@code OtelPipeline}'s key constants).
 */
package io.perfagent.agent.config;
