package io.perfagent.agent.instrument;

/**
 * The annotations the agent honours, by name only: the agent never loads them, and the
 * application need not have them. Names are assembled at run time because the shade plugin would
 * otherwise relocate the OpenTelemetry ones along with the SDK's classes.
 */
final class AnnotationNames {

  static final String MEASURED = "io.perfagent.annotation.Measured";
  static final String COUNTED = "io.perfagent.annotation.Counted";
  static final String WITH_SPAN = otel("instrumentation.annotations.WithSpan");
  /** The pre-1.x location of {@code @WithSpan}, still found in older code. */
  static final String WITH_SPAN_LEGACY = otel("extension.annotations.WithSpan");
  static final String MICROMETER_TIMED = "io.micrometer.core.annotation.Timed";
  static final String MICROMETER_COUNTED = "io.micrometer.core.annotation.Counted";

  private AnnotationNames() {}

  private static String otel(String rest) {
    return String.join(".", "io", "opentelemetry", rest);
  }
}
