package io.perfagent.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts and times every call of the annotated method: {@code perf.method.calls} (with {@code
 * error.type} when the call throws) and {@code perf.method.duration} in seconds.
 *
 * <p>On a type, it applies to every public, non-abstract, non-synthetic method that the type itself
 * declares (not to inherited methods, constructors or static initialisers); an annotation on a
 * method of that type takes precedence over the type's. Abstract methods have no body and are never
 * measured: annotate the implementation.
 *
 * <pre>{@code
 * @Measured
 * public Order place(Cart cart) { ... }
 *
 * @Measured("checkout.place")   // exported as code.function.name="checkout.place"
 * public Order placeFast(Cart cart) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Measured {

  /**
   * The value of the {@code code.function.name} attribute; empty (the default) means the
   * fully-qualified {@code pkg.Class.method}. Metric names never change, so dashboards keep working
   * whatever a method is called.
   */
  String value() default "";

  /**
   * A performance budget for this method, evaluated as an SLO with burn-rate alerts: {@code
   * "p95<200ms"} (at most 5 % of calls slower than 200 ms), {@code "p99<1s"}, {@code
   * "errors<0.1%"}; several separated by {@code ;}. Empty (the default): no budget. A budget that
   * does not parse is reported once in the agent's log and ignored.
   */
  String budget() default "";
}
