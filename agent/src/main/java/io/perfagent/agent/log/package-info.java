/** The agent's own one-line, throttled log on standard error. Depends on nothing. */
package io.perfagent.agent.log;
