/**
 * The analysis cycle as the agent runs it: indicators gathered from the sampler, the core's
 * analyzer judging each cycle, the history and baseline files in the state directory. May use
 * {@code core}, {@code record}, {@code sample}, {@code store}, {@code lifecycle}, {@code config},
 * {@code log} and {@code bootstrap}'s API.
 */
package io.perfagent.agent.analyze;
