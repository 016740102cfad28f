package io.perfagent.agent.instrument;

import io.perfagent.agent.config.AgentConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The annotations the agent honours, by name only: the agent never loads them, and the application
 * need not have them. Names are assembled at run time because the shade plugin would otherwise
 * relocate the OpenTelemetry ones along with the SDK's classes.
 */
final class AnnotationNames {

  static final String MEASURED = "io.perfagent.annotation.Measured";
  static final String COUNTED = "io.perfagent.annotation.Counted";
  static final String WITH_SPAN = otel("instrumentation.annotations.WithSpan");

  /** The pre-1.x location of {@code @WithSpan}, still found in older code. */
  static final String WITH_SPAN_LEGACY = otel("extension.annotations.WithSpan");

  static final String MICROMETER_TIMED = "io.micrometer.core.annotation.Timed";
  static final String MICROMETER_COUNTED = "io.micrometer.core.annotation.Counted";

  /** Every name above: the one list the prefilter, the type pool and retransformation share. */
  static final List<String> ALL =
      Collections.unmodifiableList(
          Arrays.asList(
              MEASURED,
              COUNTED,
              WITH_SPAN,
              WITH_SPAN_LEGACY,
              MICROMETER_TIMED,
              MICROMETER_COUNTED));

  private AnnotationNames() {}

  /** The names the configuration honours: the agent's own always, the others unless turned off. */
  static List<String> honouredBy(AgentConfig config) {
    List<String> names = new ArrayList<>();
    for (String name : ALL) {
      boolean withSpan = name.equals(WITH_SPAN) || name.equals(WITH_SPAN_LEGACY);
      boolean micrometer = name.equals(MICROMETER_TIMED) || name.equals(MICROMETER_COUNTED);
      if ((!withSpan || config.withSpan()) && (!micrometer || config.micrometer())) {
        names.add(name);
      }
    }
    return names;
  }

  private static String otel(String rest) {
    return String.join(".", "io", "opentelemetry", rest);
  }
}
