package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module and package arrows of DESIGN.md §2, checked on the sources: a main class that imports
 * what its package must not use fails the build, and every main package says in its {@code
 * package-info.java} what lives there and what it may use.
 */
class ArchitectureTest {

  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
  private static final Path ROOT =
      Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
  private static final List<String> MODULES = List.of("bootstrap", "core", "exporter", "agent");

  /** Package prefix → import prefixes it must not use. The first matching prefix applies. */
  private static final Map<String, List<String>> FORBIDDEN = new LinkedHashMap<>();

  static {
    List<String> thirdParty = List.of("io.opentelemetry.", "net.bytebuddy.", "okhttp3.", "kotlin.");
    FORBIDDEN.put(
        "io.perfagent.core.",
        concat(
            thirdParty,
            List.of(
                "io.perfagent.agent.",
                "io.perfagent.exporter.",
                "java.nio.file.",
                "java.io.File",
                "java.lang.management.",
                "java.net.",
                "javax.")));
    FORBIDDEN.put(
        "io.perfagent.exporter",
        concat(List.of("net.bytebuddy.", "io.perfagent.agent."), List.of()));
    FORBIDDEN.put(
        "io.perfagent.agent.record", concat(thirdParty, List.of("io.perfagent.exporter.")));
    FORBIDDEN.put("io.perfagent.agent.analyze", thirdParty);
    FORBIDDEN.put(
        "io.perfagent.agent.store",
        concat(thirdParty, List.of("io.perfagent.core.", "io.perfagent.exporter.")));
    FORBIDDEN.put(
        "io.perfagent.agent.lifecycle",
        concat(thirdParty, List.of("io.perfagent.core.", "io.perfagent.exporter.")));
    FORBIDDEN.put("io.perfagent.agent.sample", thirdParty);
    FORBIDDEN.put(
        "io.perfagent.agent.log",
        concat(thirdParty, List.of("io.perfagent.core.", "io.perfagent.exporter.")));
  }

  @Test
  void bootstrapImportsOnlyTheJdk() throws IOException {
    List<String> stray = new ArrayList<>();
    for (Path file : sources("bootstrap")) {
      for (String imported : imports(file)) {
        // org.jspecify's @Nullable is for NullAway at compile time (provided scope, never in a
        // jar); a class file that names it loads anywhere, since unknown annotations are ignored.
        if (!imported.startsWith("java.")
            && !imported.startsWith("io.perfagent.")
            && !imported.equals("org.jspecify.annotations.Nullable")) {
          stray.add(ROOT.relativize(file) + " imports " + imported);
        }
      }
    }
    assertThat(stray)
        .as("bootstrap is on every class loader's path; it may use only the JDK")
        .isEmpty();
  }

  @Test
  void noPackageImportsWhatItsRuleForbids() throws IOException {
    List<String> violations = new ArrayList<>();
    for (String module : MODULES) {
      for (Path file : sources(module)) {
        String pkg = packageOf(file);
        List<String> forbidden = rulesFor(pkg);
        for (String imported : imports(file)) {
          for (String prefix : forbidden) {
            if (imported.startsWith(prefix)) {
              violations.add(
                  ROOT.relativize(file)
                      + " imports "
                      + imported
                      + " ("
                      + pkg
                      + " must not use "
                      + prefix
                      + ")");
            }
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void everyMainPackageSaysWhatItHoldsAndMayUse() throws IOException {
    List<String> missing = new ArrayList<>();
    for (String module : MODULES) {
      for (Path dir :
          sources(module).stream().map(Path::getParent).distinct().collect(Collectors.toList())) {
        Path info = dir.resolve("package-info.java");
        if (!Files.isRegularFile(info)) {
          missing.add(ROOT.relativize(dir) + ": no package-info.java");
        } else if (!Files.readString(info, StandardCharsets.UTF_8)
            .toLowerCase()
            .replaceAll("\n\\s*\\*", " ") // a sentence may wrap across comment lines
            .replaceAll("\\s+", " ")
            .contains("may use")) {
          missing.add(ROOT.relativize(info) + ": does not say what the package may use");
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theRulesCatchAViolation() {
    assertThat(rulesFor("io.perfagent.core.analyze"))
        .contains("io.opentelemetry.", "io.perfagent.agent.");
    assertThat(rulesFor("io.perfagent.agent.record")).contains("io.perfagent.exporter.");
    assertThat(IMPORT.matcher("import io.opentelemetry.api.common.Attributes;").find()).isTrue();
  }

  private static List<String> rulesFor(String pkg) {
    for (Map.Entry<String, List<String>> e : FORBIDDEN.entrySet()) {
      if (pkg.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return List.of();
  }

  private static List<Path> sources(String module) throws IOException {
    Path main = ROOT.resolve(module).resolve("src/main/java");
    try (Stream<Path> files = Files.walk(main)) {
      return files
          .filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static List<String> imports(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String packageOf(Path file) {
    String path = file.toString().replace('\\', '/');
    String rel = path.substring(path.indexOf("/src/main/java/") + "/src/main/java/".length());
    return rel.substring(0, rel.lastIndexOf('/')).replace('/', '.');
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
