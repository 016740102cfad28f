package io.perfagent.core.detect;

/**
 * The persistence rule shared by the gate-based detectors (error ratio, throughput): a gate that
 * holds for {@code persist} judged cycles opens, as many cycles without it close.
 */
final class GatedRun {

  private final int persist;
  private int run;
  private long runStart;
  private int clearRun;
  private boolean open;
  private long openSince;

  GatedRun(int persist) {
    this.persist = persist;
  }

  /** +1 when this cycle opens, -1 when it closes, 0 otherwise. */
  int onJudged(boolean gate, long ts) {
    if (gate) {
      clearRun = 0;
      if (run++ == 0) {
        runStart = ts;
      }
      if (!open && run >= persist) {
        open = true;
        openSince = runStart;
        return 1;
      }
      return 0;
    }
    run = 0;
    if (open && ++clearRun >= persist) {
      open = false;
      clearRun = 0;
      return -1;
    }
    return 0;
  }

  boolean isOpen() {
    return open;
  }

  long since() {
    return openSince;
  }

  int run() {
    return run;
  }
}
