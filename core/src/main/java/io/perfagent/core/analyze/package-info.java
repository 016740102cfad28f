/**
 * The analysis: cycle summaries from cumulative recorders, robust rolling baselines, and the level
 * of every method and indicator. Pure and deterministic over the times it is handed; may use {@code
 * core.model} and the JDK only.
 */
package io.perfagent.core.analyze;
