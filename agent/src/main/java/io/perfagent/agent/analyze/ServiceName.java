package io.perfagent.agent.analyze;

import java.util.Map;

/** The {@code service.name} the OpenTelemetry settings give this process. */
public final class ServiceName {

  /** OpenTelemetry's own default when nothing names the service. */
  static final String UNKNOWN = "unknown_service:java";

  private ServiceName() {}

  /**
   * {@code otel.service.name}, else {@code service.name} in {@code otel.resource.attributes}, else
   * OpenTelemetry's default {@code unknown_service:java}.
   */
  public static String of(Map<String, String> otelProperties) {
    String name = otelProperties.get("otel.service.name");
    if (name != null && !name.trim().isEmpty()) {
      return name.trim();
    }
    String attributes = otelProperties.get("otel.resource.attributes");
    if (attributes != null) {
      for (String pair : attributes.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals("service.name")) {
          String value = pair.substring(eq + 1).trim();
          if (!value.isEmpty()) {
            return value;
          }
        }
      }
    }
    return UNKNOWN;
  }
}
