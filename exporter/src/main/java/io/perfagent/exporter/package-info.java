/**
 * The OpenTelemetry mapping only: SDK wiring (autoconfigured OTLP gRPC and http/protobuf), the
 * metric producers that turn the recorders', the sampler's and the analysis's state into {@code
 * MetricData}, and the console exporter. May use {@code core}, {@code bootstrap}'s API and the
 * OpenTelemetry SDK; never the agent or Byte Buddy.
 */
package io.perfagent.exporter;
