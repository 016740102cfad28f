/**
 * One class of the agent's own inside the OpenTelemetry JDK sender's package: {@link
 * CallerThreadJdkHttpSenderProvider} reaches {@code JdkHttpSender}'s constructor that takes a ready
 * {@code HttpClient}, which is package-private. May use the JDK and the OpenTelemetry SDK's sender
 * SPI; nothing of the agent's.
 */
package io.opentelemetry.exporter.sender.jdk.internal;
