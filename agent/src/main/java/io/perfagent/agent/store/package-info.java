/**
 * The agent's state directory and its files: where it lives ({@link
 * io.perfagent.agent.store.StateDir}, one locked instance slot per JVM), atomic replacement of
 * small files ({@link io.perfagent.agent.store.AtomicFiles}) and the rotated, append-only history
 * ({@link io.perfagent.agent.store.HistoryWriter}). May use {@code log} and the JDK.
 */
package io.perfagent.agent.store;
