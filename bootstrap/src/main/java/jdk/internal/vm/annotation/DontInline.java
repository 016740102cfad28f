package jdk.internal.vm.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A compile-time stand-in for the JDK's own {@code jdk.internal.vm.annotation.DontInline}, which
 * java.base does not export. HotSpot recognises the annotation by its name in the class file, and
 * honours it only in classes of the boot loader, which is where {@code Probe} lives. This class is
 * never packaged (the bootstrap jar excludes {@code jdk/}) and never loaded: at run time the name
 * resolves to the JDK's annotation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface DontInline {}
