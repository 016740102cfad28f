package io.perfagent.agent.sample;

import java.io.File;

/**
 * Times one filesystem metadata read (a {@code stat}) of the agent's state directory: when the disk
 * or the volume behind it stalls, this is the first number to move. Where the directory cannot be
 * created (a read-only file system), its nearest existing parent is timed instead.
 */
final class IoLatencyProbe {

  private final File directory;

  IoLatencyProbe(File directory) {
    directory.mkdirs();
    this.directory = nearestExisting(directory);
  }

  private static File nearestExisting(File directory) {
    for (File d = directory.getAbsoluteFile(); d != null; d = d.getParentFile()) {
      if (d.isDirectory()) {
        return d;
      }
    }
    return directory;
  }

  /** Seconds one metadata read took, or NaN when the directory is gone. */
  double probe() {
    long start = System.nanoTime();
    long modified = directory.lastModified();
    long elapsed = System.nanoTime() - start;
    return modified == 0L ? Double.NaN : elapsed / 1e9;
  }
}
