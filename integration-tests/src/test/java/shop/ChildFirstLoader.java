package shop;

import java.net.URL;
import java.net.URLClassLoader;

/** Loads shop.plugin.* itself before asking its parent, as servlet containers do. */
final class ChildFirstLoader extends URLClassLoader {

  ChildFirstLoader(URL[] urls, ClassLoader parent) {
    super(urls, parent);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith("shop.plugin.")) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      return c != null ? c : findClass(name);
    }
  }
}
