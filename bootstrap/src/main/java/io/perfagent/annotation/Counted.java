package io.perfagent.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts every call of the annotated method in {@code perf.method.calls} (with {@code error.type}
 * when the call throws) without reading the clock: the cheapest measurement there is.
 *
 * <p>On a type it applies as {@link Measured} does. Where a method carries both, {@link Measured}
 * wins.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Counted {

  /**
   * The value of the {@code code.function.name} attribute; empty means {@code pkg.Class.method}.
   */
  String value() default "";
}
