/**
 * The annotations application code compiles against: {@link io.perfagent.annotation.Measured} and
 * {@link io.perfagent.annotation.Counted}. Nothing here depends on the agent being present. May use
 * only the JDK.
 */
package io.perfagent.annotation;
