package io.perfagent.core.analyze;

/**
 * The persisted form of one series' baseline, opaque outside this package: written and read by
 * {@link BaselineCodec}.
 */
public final class BaselineState {

  final SeriesBaseline.State state;

  BaselineState(SeriesBaseline.State state) {
    this.state = state;
  }

  /** Hourly values rolled up (excluded ones included). */
  public int hours() {
    return state.hourEpochs.length;
  }

  /** Cycles learned in the last-cycles buffer. */
  public int recentCycles() {
    return state.recent.length;
  }
}
