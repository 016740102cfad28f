package io.perfagent.benchmarks.startup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Generates the startup harness's application once per size and caches it as a jar: {@code classes}
 * small classes in packages of 100, the first {@code measured} of which have one method annotated
 * {@code @Measured} and {@code @WithSpan} (so perf-agent and the OpenTelemetry agent each
 * instrument the same methods), and a main class {@code gen.App} that loads and instantiates every
 * class by reflection (as frameworks do), calls each once, prints {@code READY}, and then serves
 * {@code load <n>} (call every measured method n times, print {@code LOADED}) and {@code exit} on
 * stdin.
 */
final class AppGenerator {

  static final String MAIN_CLASS = "gen.App";
  private static final int MAX_CLASSES = 9_999;

  private AppGenerator() {}

  /** The application jar for this size, generated and compiled on first use. */
  static Path ensure(Path cacheDir, int classes, int measured, Path libDir) throws IOException {
    if (classes > MAX_CLASSES || measured > classes) {
      throw new IllegalArgumentException(
          "--classes must be at most "
              + MAX_CLASSES
              + " and --measured at most --classes; got "
              + classes
              + "/"
              + measured);
    }
    Path dir = cacheDir.resolve("app-" + classes + "-" + measured);
    Path jar = dir.resolve("app.jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    long started = System.nanoTime();
    Path src = dir.resolve("src");
    Path classesDir = dir.resolve("classes");
    Files.createDirectories(classesDir);
    List<Path> sources = new ArrayList<>();
    sources.add(write(src, "gen/Unit.java", UNIT));
    sources.add(write(src, "gen/App.java", APP));
    for (int i = 0; i < classes; i++) {
      sources.add(
          write(
              src,
              String.format(Locale.ROOT, "gen/p%02d/C%04d.java", i / 100, i),
              unitClass(i, i < measured)));
    }
    compile(sources, classesDir, libDir);
    Path tmp = dir.resolve("app.jar.tmp");
    writeJar(classesDir, tmp);
    Files.move(tmp, jar);
    System.out.printf(
        Locale.ROOT,
        "generated %s (%d classes, %d measured) in %d ms%n",
        jar,
        classes,
        measured,
        (System.nanoTime() - started) / 1_000_000);
    return jar;
  }

  private static String unitClass(int i, boolean measured) {
    String pkg = String.format(Locale.ROOT, "gen.p%02d", i / 100);
    String name = String.format(Locale.ROOT, "C%04d", i);
    StringBuilder b = new StringBuilder();
    b.append("package ").append(pkg).append(";\n\n");
    b.append("public final class ").append(name).append(" implements gen.Unit {\n");
    b.append("  private static final String NAME = \"")
        .append(pkg)
        .append('.')
        .append(name)
        .append("\";\n");
    b.append("  private long state = ").append(i).append("L;\n\n");
    if (measured) {
      b.append("  @io.perfagent.annotation.Measured\n");
      b.append("  @io.opentelemetry.instrumentation.annotations.WithSpan\n");
    }
    b.append("  @Override\n  public long work(long x) {\n");
    b.append("    long h = mix(x + state);\n    state = h & 0xFFFFL;\n    return h;\n  }\n\n");
    b.append("  private static long mix(long x) {\n    long h = x * 0x9E3779B97F4A7C15L + ")
        .append(i)
        .append("L;\n");
    b.append("    return h ^ (h >>> ").append(17 + i % 23).append(");\n  }\n\n");
    b.append("  @Override\n  public String describe() {\n    return NAME + '#' + state;\n  }\n}\n");
    return b.toString();
  }

  private static final String UNIT =
      "package gen;\n\n/** One application class. */\npublic interface Unit {\n  long work(long x);\n\n  String describe();\n}\n";

  private static final String APP =
      String.join(
          "\n",
          "package gen;",
          "",
          "import java.io.BufferedReader;",
          "import java.io.InputStreamReader;",
          "",
          "/** Loads every class, prints READY, then serves 'load <n>' and 'exit' on stdin. */",
          "public final class App {",
          "  public static void main(String[] args) throws Exception {",
          "    int classes = Integer.parseInt(args[0]);",
          "    int measured = Integer.parseInt(args[1]);",
          "    Unit[] units = new Unit[classes];",
          "    long sum = 0;",
          "    for (int i = 0; i < classes; i++) {",
          "      String name = \"gen.p\" + (i / 100 < 10 ? \"0\" : \"\") + (i / 100) + \".C\"",
          "          + (i < 1000 ? \"0\" : \"\") + (i < 100 ? \"0\" : \"\") + (i < 10 ? \"0\" : \"\") + i;",
          "      units[i] = (Unit) Class.forName(name).getDeclaredConstructor().newInstance();",
          "      sum += units[i].work(i) + units[i].describe().length();",
          "    }",
          "    System.out.println(\"READY \" + (sum & 1));",
          "    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));",
          "    for (String line; (line = in.readLine()) != null; ) {",
          "      if (line.startsWith(\"load \")) {",
          "        int n = Integer.parseInt(line.substring(5).trim());",
          "        for (int r = 0; r < n; r++) {",
          "          for (int i = 0; i < measured; i++) {",
          "            sum += units[i].work(r);",
          "          }",
          "        }",
          "        System.out.println(\"LOADED \" + (sum & 1));",
          "      } else if (line.equals(\"exit\")) {",
          "        break;",
          "      }",
          "    }",
          "  }",
          "}",
          "");

  private static Path write(Path root, String relative, String content) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static void compile(List<Path> sources, Path out, Path libDir) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler: run the harness on a JDK, not a JRE");
    }
    String classpath;
    try (Stream<Path> jars = Files.list(libDir)) {
      classpath =
          jars.filter(p -> p.toString().endsWith(".jar"))
              .map(Path::toString)
              .collect(Collectors.joining(java.io.File.pathSeparator));
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--release",
                "11",
                "-nowarn",
                "-proc:none",
                "-cp",
                classpath,
                "-d",
                out.toString()));
    sources.forEach(s -> args.add(s.toString()));
    int status = javac.run(null, null, System.err, args.toArray(new String[0]));
    if (status != 0) {
      throw new IllegalStateException(
          "javac failed with status " + status + " on the generated application");
    }
  }

  private static void writeJar(Path classesDir, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> files = Files.walk(classesDir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(classesDir.relativize(p).toString().replace('\\', '/')));
        try {
          Files.copy(p, out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        out.closeEntry();
      }
    }
  }
}
