/**
 * Configuration: the table of keys ({@link io.perfagent.agent.config.ConfigKeys}), the sources
 * (agent arguments, system properties, environment, properties file) and the immutable result.
 * Depends only on the log.
 */
package io.perfagent.agent.config;
