package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;

/** What the fault-suite tests share: the JDK they run on, the soak length, log checks. */
final class Faults {

  /** The measured method of {@code fault.Worker}. */
  static final String STEP = "fault.Work.step";

  /** Time for the final export of a finished application to be written by the Collector. */
  static final Duration ARRIVAL = Duration.ofSeconds(30);

  private Faults() {}

  /** OpenJDK 17 where present (the most common production JDK), else the first JDK configured. */
  static String jdk() {
    return AppJvm.jdks().stream()
        .filter(h -> h.contains("17"))
        .findFirst()
        .orElse(AppJvm.jdks().get(0));
  }

  /**
   * How long soak-like cases run: {@code -Dit.fault.duration=<seconds>}, else 20 s when {@code
   * CI=true} (the whole suite stays within CI's budget), else 60 s.
   */
  static Duration soak() {
    String configured = System.getProperty("it.fault.duration", "").trim();
    if (!configured.isEmpty()) {
      return Duration.ofSeconds(Long.parseLong(configured));
    }
    return Duration.ofSeconds("true".equalsIgnoreCase(System.getenv("CI")) ? 20 : 60);
  }

  /** The number of lines of {@code text} that contain {@code fragment}. */
  static long lines(String text, String fragment) {
    return Arrays.stream(text.split("\n")).filter(l -> l.contains(fragment)).count();
  }

  /** The agent reported its trouble in lines of its own, never as a stack trace or a crash. */
  static void assertNoStackTraces(AppJvm.Result run) {
    assertThat(run.stderr)
        .as(run.toString())
        .doesNotContain("\tat ")
        .doesNotContain("Exception in thread");
  }
}
