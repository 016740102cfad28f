package io.perfagent.agent.instrument;

import io.perfagent.annotation.Counted;
import io.perfagent.annotation.Measured;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Byte Buddy's per-class type pool, with the honoured annotation types (and JDK types) parsed once
 * for all classes instead of once per class. Reading a method's annotations makes Byte Buddy
 * resolve each annotation's type, which means finding and parsing its class file through the class
 * loader: a noticeable share of the transformation time when every class paid it again
 * (BENCHMARKS.md).
 *
 * <p>Sharing across class loaders is sound here because the selector matches annotations by name
 * only, and {@code java.*} types are the boot loader's everywhere. Only successful resolutions are
 * shared (whether a type resolves does depend on the loader), and the shared map is bounded by the
 * fixed set of names plus the JDK's own types.
 */
final class SharedAnnotationTypes implements AgentBuilder.PoolStrategy {

  private static final Set<String> HONOURED = Set.copyOf(AnnotationNames.ALL);

  private final ConcurrentMap<String, TypePool.Resolution> shared = new ConcurrentHashMap<>();

  /**
   * Seeds the agent's own annotations from the copy the agent put into the boot loader. An
   * application that depends on them with {@code provided} scope has no class file of them that its
   * loader could find (the boot loader's copy may come from no file at all), and an annotation
   * whose type cannot be found is invisible to Byte Buddy.
   */
  SharedAnnotationTypes() {
    seed(Measured.class);
    seed(Counted.class);
  }

  private void seed(Class<?> annotation) {
    shared.put(
        annotation.getName(),
        new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(annotation)));
  }

  @Override
  public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader) {
    return new TypePool.Default.WithLazyResolution(
        new Cache(shared), classFileLocator, TypePool.Default.ReaderMode.FAST);
  }

  @Override
  public TypePool typePool(
      ClassFileLocator classFileLocator, ClassLoader classLoader, String name) {
    return typePool(classFileLocator, classLoader);
  }

  /** How many types are shared; for tests. */
  int sharedCount() {
    return shared.size();
  }

  static boolean isShareable(String typeName) {
    return HONOURED.contains(typeName) || typeName.startsWith("java.");
  }

  /** One transformation's cache in front of the shared resolutions. */
  private static final class Cache implements TypePool.CacheProvider {
    private final ConcurrentMap<String, TypePool.Resolution> shared;
    private final TypePool.CacheProvider local = TypePool.CacheProvider.Simple.withObjectType();

    Cache(ConcurrentMap<String, TypePool.Resolution> shared) {
      this.shared = shared;
    }

    @Override
    public TypePool.Resolution find(String name) {
      TypePool.Resolution r = isShareable(name) ? shared.get(name) : null;
      return r != null ? r : local.find(name);
    }

    @Override
    public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
      if (isShareable(name) && resolution.isResolved()) {
        shared.putIfAbsent(name, resolution);
      }
      return local.register(name, resolution);
    }

    @Override
    public void clear() {
      local.clear();
    }
  }
}
