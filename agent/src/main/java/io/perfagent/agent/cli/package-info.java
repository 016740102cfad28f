/** The command line of {@code java -jar perf-agent.jar}. May use every other agent package. */
package io.perfagent.agent.cli;
