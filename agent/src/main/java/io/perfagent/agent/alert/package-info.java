/**
 * Alert evaluation and delivery in the running agent: the rules from config evaluated after every
 * analysis cycle on the scheduler thread, and each transition logged, appended to {@code
 * alerts.jsonl}, passed to the {@code PerfAlerts} listeners and POSTed to the webhook (one lazy
 * daemon thread, bounded queue). May use {@code core}, {@code bootstrap}'s API, {@code
 * agent.config}, {@code agent.log}, {@code agent.lifecycle}, {@code agent.store}, {@code
 * agent.analyze} and the JDK.
 */
package io.perfagent.agent.alert;
