package io.perfagent.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** Defines the named classes itself from the parent's class files; everything else is parent's. */
final class ChildFirstClassLoader extends ClassLoader {

  private final Set<String> ownNames;

  ChildFirstClassLoader(ClassLoader parent, Set<String> ownNames) {
    super(parent);
    this.ownNames = ownNames;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      if (!ownNames.contains(name)) {
        return super.loadClass(name, resolve);
      }
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(resource)) {
          byte[] bytes = in.readAllBytes();
          c = defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
      return c;
    }
  }
}
