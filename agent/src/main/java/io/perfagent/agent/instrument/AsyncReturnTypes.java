package io.perfagent.agent.instrument;

import java.util.concurrent.CompletionStage;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Which declared return types make a timed method asynchronous (timed until its result completes):
 * {@link CompletionStage} and its implementations ({@code CompletableFuture}), and, by name,
 * Reactor's {@code Mono} / {@code Flux} and Guava's {@code ListenableFuture} with their subtypes.
 * Decided once per method at transform time.
 */
final class AsyncReturnTypes {

  private static final String[] NAMES = {
    CompletionStage.class.getName(),
    "reactor.core.publisher.Mono",
    "reactor.core.publisher.Flux",
    "com.google.common.util.concurrent.ListenableFuture",
  };

  private AsyncReturnTypes() {}

  static boolean isAsync(MethodDescription method) {
    TypeDescription type = method.getReturnType().asErasure();
    if (type.isPrimitive() || type.isArray() || type.represents(Object.class)) {
      return false;
    }
    try {
      return isOrExtends(type, 0);
    } catch (RuntimeException unresolvable) {
      return false; // a supertype cannot be read: time the call as a plain one
    }
  }

  private static boolean isOrExtends(TypeDefinition type, int depth) {
    if (type == null || depth > 16) {
      return false;
    }
    String name = type.asErasure().getName();
    if (name.startsWith("java.lang.") || name.equals("java.util.concurrent.Future")) {
      return false;
    }
    for (String n : NAMES) {
      if (n.equals(name)) {
        return true;
      }
    }
    for (TypeDescription.Generic i : type.getInterfaces()) {
      if (isOrExtends(i, depth + 1)) {
        return true;
      }
    }
    TypeDescription.Generic superClass = type.getSuperClass();
    return superClass != null && isOrExtends(superClass, depth + 1);
  }
}
