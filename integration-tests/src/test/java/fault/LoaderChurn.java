package fault;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code LoaderChurn <loaders>}: loads {@code fault.plugin.Churned} (one measured method) in that
 * many class loaders of their own, one after the other, calls it once in each and drops the loader,
 * as a plugin host or a redeploying server does. Then collects garbage and prints how many loaders
 * are gone: the agent must not keep them alive.
 */
public final class LoaderChurn {
  private LoaderChurn() {}

  public static void main(String[] args) throws Exception {
    int loaders = Integer.parseInt(args[0]);
    URL classes = LoaderChurn.class.getProtectionDomain().getCodeSource().getLocation();
    List<WeakReference<ClassLoader>> dropped = new ArrayList<>();
    long sum = 0;
    for (int i = 0; i < loaders; i++) {
      ClassLoader loader = new OwnFirst(new URL[] {classes}, LoaderChurn.class.getClassLoader());
      Class<?> type = loader.loadClass("fault.plugin.Churned");
      if (type.getClassLoader() != loader) {
        throw new IllegalStateException("not loaded by its own loader");
      }
      Object plugin = type.getConstructor().newInstance();
      Method work = type.getMethod("work", int.class);
      sum += (int) work.invoke(plugin, i);
      dropped.add(new WeakReference<>(loader));
    }
    System.out.println("RESULT calls=" + loaders + " sum=" + sum);
    long gone = 0;
    for (int attempt = 0; attempt < 20 && gone < loaders; attempt++) {
      System.gc();
      Thread.sleep(100);
      gone = dropped.stream().filter(r -> r.get() == null).count();
    }
    System.out.println("RESULT collected=" + gone);
    System.out.println("DONE");
  }

  /** Loads {@code fault.plugin.*} itself before asking its parent. */
  static final class OwnFirst extends URLClassLoader {
    OwnFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("fault.plugin.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        return c != null ? c : findClass(name);
      }
    }
  }
}
