package io.perfagent.core.model;

import java.util.List;

/** Where method metrics come from at collection time: the agent's recorders. */
@FunctionalInterface
public interface MethodMetricsSource {

  /** The cumulative state of every series with at least one call. Called off the hot path. */
  List<MethodSeries> collect();
}
