/** The agent's own one-line, throttled log on standard error. May use only the JDK. */
package io.perfagent.agent.log;
