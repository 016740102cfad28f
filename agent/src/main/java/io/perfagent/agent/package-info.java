/**
 * The doorway ({@link io.perfagent.agent.PerfAgent}) and the start-up sequence ({@link
 * io.perfagent.agent.AgentRuntime}). Everything else lives in one package per concern. May use
 * every agent package, {@code core} and {@code exporter}.
 */
package io.perfagent.agent;
