package io.perfagent.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarFile;

/**
 * Puts the bootstrap classes (annotations, {@code Probe}) on the boot class path, where every
 * class loader finds the one copy woven code must call. They travel inside {@code perf-agent.jar}
 * as a nested jar, not as top-level classes, so the system class loader can never load a second
 * copy; the nested jar is written to an owner-only temporary file that is removed at exit.
 */
final class BootstrapJar {

  static final String RESOURCE = "bootstrap.jar.bin";

  private BootstrapJar() {}

  static void appendTo(Instrumentation instrumentation) throws IOException {
    if (isOnBootClassPath()) {
      return; // already appended: an earlier attach, or a test that puts it there itself
    }
    Path jar = Files.createTempFile("perf-agent-bootstrap-", ".jar");
    try {
      Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // createTempFile already restricts access where POSIX permissions do not exist
    }
    File file = jar.toFile();
    file.deleteOnExit();
    try (InputStream in = BootstrapJar.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("the agent jar lacks its nested " + RESOURCE + "; rebuild it");
      }
      Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(file));
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
