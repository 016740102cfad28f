package io.perfagent.agent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Puts the bootstrap classes (annotations, API, {@code Probe}) into the boot loader, where every
 * class loader finds the one copy woven code must call. They travel inside {@code perf-agent.jar}
 * as a nested jar, not as top-level classes, so the system class loader can never load a second
 * copy.
 *
 * <p>The usual way is a file on the boot class path: {@code
 * $java.io.tmpdir/perf-agent-<user>-bootstrap-<crc>.jar}, named after its content and reused by
 * every later start of the same agent version, so that nothing accumulates, not even after a {@code
 * kill -9}. Where no such file can be written (a read-only file system) or trusted, the classes are
 * defined in the boot loader directly, with no file at all.
 */
final class BootstrapJar {

  static final String RESOURCE = "bootstrap.jar.bin";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private BootstrapJar() {}

  static void appendTo(Instrumentation instrumentation) throws IOException {
    if (isOnBootClassPath()) {
      return; // already appended: an earlier attach, or a test that puts it there itself
    }
    byte[] jar = nestedJar();
    Path file = reusableCopy(Paths.get(System.getProperty("java.io.tmpdir")), jar);
    if (file != null) {
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file.toFile()));
    } else {
      defineInBootLoader(instrumentation, jar);
    }
  }

  private static byte[] nestedJar() throws IOException {
    try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the agent jar lacks its nested " + RESOURCE + "; rebuild it");
      }
      return in.readAllBytes();
    }
  }

  /**
   * The content-named copy of {@code jar} in {@code dir}: the one there if it is ours and intact,
   * else a fresh one, written under a temporary name and renamed into place so that a concurrent
   * start never sees half a file. {@code null} when none can be had.
   */
  static @Nullable Path reusableCopy(Path dir, byte[] jar) {
    CRC32 crc = new CRC32();
    crc.update(jar, 0, jar.length);
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
    Path target =
        dir.resolve(
            "perf-agent-"
                + user
                + "-bootstrap-"
                + Long.toHexString(crc.getValue())
                + "-"
                + jar.length
                + ".jar");
    try {
      if (isTrustedCopy(target, jar, user)) {
        return target;
      }
      // Not Files.createTempFile: it seeds a SecureRandom, which loads some forty security classes
      // on the application's main thread. CREATE_NEW refuses an existing file or link instead.
      Path temporary =
          dir.resolve(
              target.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime());
      try {
        try (OutputStream out = createOwnerOnly(temporary)) {
          out.write(jar);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
      return isTrustedCopy(target, jar, user) ? target : null;
    } catch (IOException | RuntimeException unwritable) {
      return null;
    }
  }

  /**
   * Whether the file holds exactly {@code jar}, belongs to us and can be changed by nobody else:
   * the boot loader reads it lazily, by name, for the life of the process.
   */
  private static boolean isTrustedCopy(Path file, byte[] jar, String user) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != jar.length) {
      return false;
    }
    try {
      if (!Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName().equals(user)
          || !Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
        return false;
      }
    } catch (UnsupportedOperationException notPosix) {
      // Another file system: the content check below is what is left.
    }
    return Arrays.equals(Files.readAllBytes(file), jar);
  }

  private static OutputStream createOwnerOnly(Path file) throws IOException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    return Files.newOutputStream(file, StandardOpenOption.WRITE);
  }

  /**
   * Defines every class of the nested jar in the boot loader, with no file: through the JDK's
   * internal {@code Unsafe.defineClass}, which the instrumentation API lets the agent reach by
   * exporting its package to the agent alone. A class whose supertype is not defined yet waits for
   * the next round.
   */
  static void defineInBootLoader(Instrumentation instrumentation, byte[] jar) throws IOException {
    Map<String, byte[]> pending = classesOf(jar);
    try {
      instrumentation.redefineModule(
          Object.class.getModule(),
          Set.of(),
          Map.of("jdk.internal.misc", Set.of(BootstrapJar.class.getModule())),
          Map.of(),
          Set.of(),
          Map.of());
      Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
      Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
      Method define =
          unsafeType.getMethod(
              "defineClass",
              String.class,
              byte[].class,
              int.class,
              int.class,
              ClassLoader.class,
              ProtectionDomain.class);
      while (!pending.isEmpty()) {
        int before = pending.size();
        for (java.util.Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator();
            it.hasNext(); ) {
          Map.Entry<String, byte[]> c = it.next();
          try {
            define.invoke(unsafe, c.getKey(), c.getValue(), 0, c.getValue().length, null, null);
            it.remove();
          } catch (java.lang.reflect.InvocationTargetException e) {
            if (!(e.getCause() instanceof NoClassDefFoundError)) {
              throw e;
            }
          }
        }
        if (pending.size() == before) {
          throw new IOException("cannot define " + pending.keySet() + " in the boot loader");
        }
      }
    } catch (ReflectiveOperationException | RuntimeException failure) {
      throw new IOException(
          "no writable java.io.tmpdir for the bootstrap jar, and defining its classes directly failed: "
              + failure,
          failure);
    }
  }

  private static Map<String, byte[]> classesOf(byte[] jar) throws IOException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
      for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
        String name = e.getName();
        if (name.endsWith(".class") && !name.endsWith("-info.class")) { // not module-/package-info
          classes.put(name.substring(0, name.length() - 6).replace('/', '.'), in.readAllBytes());
        }
      }
    }
    return classes;
  }

  private static boolean isOnBootClassPath() {
    try {
      Class<?> probe = Class.forName("io.perfagent.bootstrap.Probe", false, null);
      return probe.getClassLoader() == null;
    } catch (ClassNotFoundException notYet) {
      return false;
    }
  }
}
