/**
 * The probe facade woven advice calls ({@link io.perfagent.bootstrap.Probe}) and the sink the agent
 * installs behind it. Loaded by the bootstrap class loader; may use nothing but java.base.
 *
 * <p><b>Internal:</b> public only because woven code in every class loader must reach it. The API
 * for applications is {@code io.perfagent.api} and {@code io.perfagent.annotation}, whose
 * signatures {@code bootstrap/api.txt} records.
 */
package io.perfagent.bootstrap;
