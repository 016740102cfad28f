package io.perfagent.benchmarks.load;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one wrk run reports (run with {@code --latency}): requests completed, throughput, the
 * latency percentiles and the failures (non-2xx responses, socket errors).
 */
record WrkResult(
    long requests,
    double requestsPerSecond,
    double p50Millis,
    double p99Millis,
    long non2xx,
    long socketErrors) {

  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  /**
   * Parses wrk's text output.
   *
   * @throws IllegalArgumentException naming what is missing, with the output
   */
  static WrkResult parse(String output) {
    Matcher rate = RATE.matcher(output);
    Matcher requests = REQUESTS.matcher(output);
    if (!rate.find() || !requests.find()) {
      throw new IllegalArgumentException("no 'Requests/sec' in wrk's output:\n" + output);
    }
    Matcher non2xx = NON_2XX.matcher(output);
    long socketErrors = 0;
    Matcher errors = SOCKET_ERRORS.matcher(output);
    if (errors.find()) {
      for (int g = 1; g <= 4; g++) {
        socketErrors += Long.parseLong(errors.group(g));
      }
    }
    return new WrkResult(
        Long.parseLong(requests.group(1)),
        Double.parseDouble(rate.group(1)),
        percentileMillis(output, "50%"),
        percentileMillis(output, "99%"),
        non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
        socketErrors);
  }

  /** A percentile line of wrk's latency distribution ({@code 99% 1.23ms}), in milliseconds. */
  private static double percentileMillis(String output, String label) {
    Matcher m =
        Pattern.compile(
                "^\\s*" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE)
            .matcher(output);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "no " + label + " latency in wrk's output (run it with --latency):\n" + output);
    }
    double value = Double.parseDouble(m.group(1));
    switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "us":
        return value / 1000;
      case "ms":
        return value;
      case "s":
        return value * 1000;
      default:
        return value * 60_000;
    }
  }
}
