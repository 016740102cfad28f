/**
 * The doorway ({@link io.perfagent.agent.PerfAgent}) and the start-up sequence ({@link
 * io.perfagent.agent.AgentRuntime}). Everything else lives in one package per concern.
 */
package io.perfagent.agent;
