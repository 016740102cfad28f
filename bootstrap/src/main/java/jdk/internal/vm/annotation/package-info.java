/**
 * Compile-time stand-ins for JDK annotations that java.base does not export ({@link
 * jdk.internal.vm.annotation.DontInline}); never packaged, never loaded. May use nothing.
 */
package jdk.internal.vm.annotation;
