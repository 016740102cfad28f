package io.perfagent.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.OutputStream;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarFile;

/**
 * Puts the bootstrap classes (annotations, {@code Probe}) on the boot class path, where every
 * class loader finds the one copy woven code must call. They travel inside {@code perf-agent.jar}
 * as a nested jar, not as top-level classes, so the system class loader can never load a second
 * copy; the nested jar is written to an owner-only temporary file that is removed at exit.
 *
 * <p>The file name comes from the pid and the clock, not {@code Files.createTempFile}: that one
 * seeds a {@code SecureRandom}, which loads some forty security classes on the application's main
 * thread. {@code CREATE_NEW} refuses an existing file or link, so the name needs no secrecy.
 */
final class BootstrapJar {

  static final String RESOURCE = "bootstrap.jar.bin";

  private BootstrapJar() {}

  static void appendTo(Instrumentation instrumentation) throws IOException {
    if (isOnBootClassPath()) {
      return; // already appended: an earlier attach, or a test that puts it there itself
    }
    Path jar =
        Paths.get(
            System.getProperty("java.io.tmpdir"),
            "perf-agent-bootstrap-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".jar");
    File file = jar.toFile();
    try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE);
        OutputStream out = createOwnerOnly(jar)) {
      file.deleteOnExit();
      if (in == null) {
        throw new IOException("the agent jar lacks its nested " + RESOURCE + "; rebuild it");
      }
      in.transferTo(out);
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file));
  }

  private static OutputStream createOwnerOnly(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    return Files.newOutputStream(file, StandardOpenOption.WRITE);
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
