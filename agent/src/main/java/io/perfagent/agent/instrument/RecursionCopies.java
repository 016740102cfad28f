package io.perfagent.agent.instrument;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Which classes received recursion copies ({@link RecursionCopy}), per defining loader, for the
 * agent's life and across detach and attach: a class may gain methods only when it is first
 * defined, and every later retransformation, whatever the selection then, must give it the same
 * methods again or the JVM refuses it. Names under weak loader keys: nothing here keeps a loader
 * alive.
 */
final class RecursionCopies {

  /** Per loader: internal class name to the originals (name + descriptor) that have a copy. */
  private static final Map<ClassLoader, Map<String, Set<String>>> BY_LOADER =
      Collections.synchronizedMap(new WeakHashMap<>());

  private static final Map<String, Set<String>> BOOT = new ConcurrentHashMap<>();

  private RecursionCopies() {}

  /**
   * Notes that {@code internalName} of {@code loader} was defined with copies of {@code methods}
   * (name + descriptor of each original). Called only for a class being defined.
   */
  static void record(@Nullable ClassLoader loader, String internalName, Set<String> methods) {
    Map<String, Set<String>> classes =
        loader == null ? BOOT : BY_LOADER.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
    classes.put(internalName, Set.copyOf(methods));
  }

  /** The originals (name + descriptor) the class has copies of; empty for most classes. */
  static Set<String> of(@Nullable ClassLoader loader, String internalName) {
    Map<String, Set<String>> classes = loader == null ? BOOT : BY_LOADER.get(loader);
    Set<String> methods = classes == null ? null : classes.get(internalName);
    return methods == null ? Set.of() : methods;
  }

  /** Whether any class anywhere has copies (a detach then keeps a transformer for them). */
  static boolean any() {
    return !BOOT.isEmpty() || !BY_LOADER.isEmpty();
  }
}
