/**
 * The local HTTP endpoint (a small HTTP/1.1 server of its own on one thread, bound to loopback by
 * default): JSON and CSV views of the latest cycle, the sample rings and the agent's health,
 * Prometheus text from the same producers as OTLP, and the registration file through which the CLI
 * finds running agents. May use {@code core}, {@code exporter}'s {@code PrometheusScrape}, {@code
 * sample}, {@code store}, {@code lifecycle}, {@code config}, {@code log}, {@code bootstrap}'s API
 * and the JDK.
 */
package io.perfagent.agent.endpoint;
