package io.perfagent.agent.sample;

import java.io.File;

/**
 * Times one filesystem metadata read (a {@code stat}) of the agent's state directory: when the
 * disk or the volume behind it stalls, this is the first number to move.
 */
final class IoLatencyProbe {

  private final File directory;

  IoLatencyProbe(File directory) {
    this.directory = directory;
    directory.mkdirs();
  }

  /** Seconds one metadata read took, or NaN when the directory is gone. */
  double probe() {
    long start = System.nanoTime();
    long modified = directory.lastModified();
    long elapsed = System.nanoTime() - start;
    return modified == 0L ? Double.NaN : elapsed / 1e9;
  }
}
