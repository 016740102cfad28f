package io.perfagent.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The internal names of the classes that received advice, so that a reload or a detach can
 * retransform exactly those back. Names, not classes: nothing here keeps a class loader alive. A
 * name shared by classes of two loaders retransforms both, which is harmless.
 */
final class WovenClasses {

  /** Past this many names, new ones are not kept and every loaded class counts as woven. */
  static final int MAX = 200_000;

  private final Set<String> names = ConcurrentHashMap.newKeySet();
  private volatile boolean overflowed;

  void add(String internalName) {
    if (names.size() < MAX) {
      names.add(internalName);
    } else if (!names.contains(internalName)) {
      overflowed = true;
    }
  }

  boolean contains(Class<?> c) {
    return overflowed || names.contains(c.getName().replace('.', '/'));
  }

  /** The loaded classes among {@code loaded} that were woven. */
  List<Class<?>> among(Class<?>[] loaded) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c : loaded) {
      if (contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  int size() {
    return names.size();
  }
}
