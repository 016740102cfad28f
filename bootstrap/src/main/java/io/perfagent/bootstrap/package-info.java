/**
 * The probe facade woven advice calls ({@link io.perfagent.bootstrap.Probe}) and the sink the agent
 * installs behind it. Loaded by the bootstrap class loader; may use nothing but java.base.
 */
package io.perfagent.bootstrap;
