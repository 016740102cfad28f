/**
 * The agent's running parts and the one thread they share: components with start and close, and the
 * scheduler whose single daemon thread runs sampling, analysis and history writes. May use {@code
 * log} and the JDK.
 */
package io.perfagent.agent.lifecycle;
