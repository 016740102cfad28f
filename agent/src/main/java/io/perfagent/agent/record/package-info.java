/**
 * The hot-path recorders: lock-free, allocation-free, striped counters and duration histograms, one
 * set per measured method, addressed by the integer id bound into the woven code. May use {@code
 * bootstrap} and the exporter's snapshot model; nothing here blocks or allocates per call.
 */
package io.perfagent.agent.record;
