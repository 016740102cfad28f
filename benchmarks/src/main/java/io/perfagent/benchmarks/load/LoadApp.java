package io.perfagent.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The load benchmark's web application ({@code shop.ShopServer}) and its wrk scripts, shipped as
 * resources of benchmarks.jar and compiled on first use against the application libraries (the
 * OpenTelemetry annotations), so that neither the harness nor any agent is on its class path.
 */
final class LoadApp {

  static final String MAIN_CLASS = "shop.ShopServer";
  private static final List<String> SOURCES =
      List.of(
          "shop/ShopServer.java",
          "shop/OwnerController.java",
          "shop/OwnerService.java",
          "shop/OwnerRepository.java",
          "shop/Owner.java");
  private static final List<String> SCRIPTS = List.of("pace.lua", "rotate.lua");

  private final Path classes;
  private final Path scripts;

  private LoadApp(Path classes, Path scripts) {
    this.classes = classes;
    this.scripts = scripts;
  }

  /** Extracts and compiles the application into {@code dir} (once; reused while it exists). */
  static LoadApp ensure(Path dir, Path libDir) throws IOException {
    Path classes = dir.resolve("classes");
    Path scripts = dir.resolve("scripts");
    if (Files.isRegularFile(classes.resolve("shop/ShopServer.class"))
        && Files.isRegularFile(scripts.resolve(SCRIPTS.get(0)))) {
      return new LoadApp(classes, scripts);
    }
    // javac, unlike the java launcher, does not expand a "dir/*" class path entry.
    StringBuilder classPath = new StringBuilder();
    try (java.util.stream.Stream<Path> jars = Files.list(libDir)) {
      jars.filter(j -> j.toString().endsWith(".jar"))
          .forEach(j -> classPath.append(j).append(java.io.File.pathSeparator));
    }
    List<String> javacArgs =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "-cp",
                classPath.toString(),
                "--release",
                "11",
                "-nowarn"));
    for (String source : SOURCES) {
      javacArgs.add(extract("load-app/" + source, dir.resolve("src").resolve(source)).toString());
    }
    for (String script : SCRIPTS) {
      extract("load-app/" + script, scripts.resolve(script));
    }
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("the load benchmark needs a JDK (javax.tools), not a JRE");
    }
    if (javac.run(null, null, null, javacArgs.toArray(new String[0])) != 0) {
      throw new IllegalStateException("the load application did not compile; see the lines above");
    }
    return new LoadApp(classes, scripts);
  }

  Path classes() {
    return classes;
  }

  Path script(String name) {
    return scripts.resolve(name);
  }

  private static Path extract(String resource, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    try (InputStream in = LoadApp.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new UncheckedIOException(
            new IOException("resource missing from benchmarks.jar: " + resource));
      }
      Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return to;
  }
}
