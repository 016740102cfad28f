/**
 * The probe facade woven advice calls ({@link io.perfagent.bootstrap.Probe}) and the sink the agent
 * installs behind it. Loaded by the bootstrap class loader; depends on nothing but java.base.
 */
package io.perfagent.bootstrap;
