package io.perfagent.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code wrk} HTTP load generator (Debian package {@code wrk}) and parses its report. */
final class Wrk {

  private Wrk() {}

  /** Whether {@code wrk} can be started. */
  static boolean available() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(10, TimeUnit.SECONDS);
      return true;
    } catch (IOException | InterruptedException missing) {
      return false;
    }
  }

  /**
   * {@code connections} connections on two threads for {@code seconds} against {@code url}, with
   * {@code script}; {@code paceDelayMillis} > 0 makes each connection pause that long between
   * requests (see pace.lua).
   */
  static WrkResult run(String url, Path script, int connections, int seconds, int paceDelayMillis)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    "wrk",
                    "-t2",
                    "-c" + connections,
                    "-d" + seconds + "s",
                    "--timeout",
                    "5s",
                    "--latency",
                    "-s",
                    script.toString(),
                    url))
            .redirectErrorStream(true);
    pb.environment().put("PACE_DELAY_MS", Integer.toString(paceDelayMillis));
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("wrk did not finish within " + (seconds + 30) + " s");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("wrk exited with " + p.exitValue() + ":\n" + text);
    }
    return WrkResult.parse(text);
  }
}
