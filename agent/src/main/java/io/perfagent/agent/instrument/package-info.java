/**
 * Byte Buddy instrumentation: which methods are measured ({@link
 * io.perfagent.agent.instrument.MethodSelector}), the advice woven into them, the per-method id
 * bound into that advice, and the cheap class-file prefilter that keeps class loading fast. May use
 * {@code bootstrap}, {@code config}, {@code record} and {@code log}.
 */
package io.perfagent.agent.instrument;
