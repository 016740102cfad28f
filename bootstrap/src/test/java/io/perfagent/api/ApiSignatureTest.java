package io.perfagent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap module's public API is a contract with application code compiled against it: {@code
 * bootstrap/api.txt} records every public signature of {@code io.perfagent.api} and {@code
 * io.perfagent.annotation}. A signature that disappears or changes is an incompatible change and
 * fails here; a new one fails too until it is added to the file, so that the file stays the
 * reviewed list of what the API is.
 */
class ApiSignatureTest {

  private static final List<String> API_PACKAGES =
      Arrays.asList("io.perfagent.api", "io.perfagent.annotation");

  private static final Path RECORDED = Paths.get("api.txt");

  @Test
  void publicApi_matchesTheRecordedSignatures() throws Exception {
    List<String> recorded = new ArrayList<>();
    for (String line : Files.readAllLines(RECORDED, StandardCharsets.UTF_8)) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        recorded.add(line);
      }
    }
    List<String> current = new ArrayList<>(signatures());

    List<String> removed = new ArrayList<>(recorded);
    removed.removeAll(current);
    List<String> added = new ArrayList<>(current);
    added.removeAll(recorded);

    assertThat(removed)
        .as(
            "signatures in bootstrap/api.txt that the API no longer has: an incompatible change for"
                + " applications compiled against it. Restore them, or, for a deliberate break in"
                + " a new major version, edit api.txt. The API as it is now:%n%s",
            String.join(System.lineSeparator(), current))
        .isEmpty();
    assertThat(added)
        .as(
            "new public signatures: compatible, but add these lines to bootstrap/api.txt (sorted)"
                + " so that the API stays a reviewed list; mark anything public but internal in its"
                + " Javadoc instead")
        .isEmpty();
  }

  @Test
  void signatures_coverTypesMembersAndAnnotationContracts() throws Exception {
    TreeSet<String> s = signatures();
    assertThat(s)
        .contains(
            "public final class io.perfagent.api.Counter extends io.perfagent.api.Instrument",
            "public static io.perfagent.api.Counter"
                + " io.perfagent.api.PerfMetrics.counter(java.lang.String,java.lang.String)");
    assertThat(s)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith(
                        "public abstract @interface io.perfagent.annotation.Measured @Retention(RUNTIME) @Target("));
    assertThat(s).noneMatch(line -> line.contains("checkName")); // package-private
  }

  private static TreeSet<String> signatures() throws IOException, ClassNotFoundException {
    TreeSet<String> out = new TreeSet<>();
    Path classes = Paths.get("target", "classes");
    for (String pkg : API_PACKAGES) {
      Path dir = classes.resolve(pkg.replace('.', '/'));
      List<Path> files;
      try (Stream<Path> list = Files.list(dir)) {
        files = list.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
      }
      for (Path file : files) {
        String simple = file.getFileName().toString().replace(".class", "");
        Class<?> type =
            Class.forName(pkg + "." + simple, false, ApiSignatureTest.class.getClassLoader());
        if (Modifier.isPublic(type.getModifiers())) { // a nested type's own file says so too
          add(type, out);
        }
      }
    }
    return out;
  }

  private static void add(Class<?> type, TreeSet<String> out) {
    out.add(typeLine(type));
    boolean extensible = !Modifier.isFinal(type.getModifiers());
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (member(c, extensible)) {
        out.add(c.toGenericString());
      }
    }
    for (Method m : type.getDeclaredMethods()) {
      if (member(m, extensible)) {
        Object dflt = m.getDefaultValue();
        out.add(m.toGenericString() + (dflt == null ? "" : " default " + text(dflt)));
      }
    }
    for (Field f : type.getDeclaredFields()) {
      if (member(f, extensible)) {
        out.add(f.toGenericString());
      }
    }
  }

  private static String typeLine(Class<?> type) {
    String modifiers = Modifier.toString(type.getModifiers() & ~Modifier.INTERFACE);
    String kind =
        type.isAnnotation()
            ? "@interface"
            : type.isInterface() ? "interface" : type.isEnum() ? "enum" : "class";
    StringBuilder line =
        new StringBuilder(modifiers).append(' ').append(kind).append(' ').append(type.getName());
    if (type.getSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()) {
      line.append(" extends ").append(type.getSuperclass().getName());
    }
    if (!type.isAnnotation() && type.getInterfaces().length > 0) {
      line.append(type.isInterface() ? " extends " : " implements ")
          .append(
              Arrays.stream(type.getInterfaces())
                  .map(Class::getName)
                  .collect(Collectors.joining(",")));
    }
    if (type.isAnnotation()) {
      Retention retention = type.getAnnotation(Retention.class);
      Target target = type.getAnnotation(Target.class);
      line.append(" @Retention(")
          .append(retention == null ? "CLASS" : retention.value())
          .append(')');
      line.append(" @Target(").append(target == null ? "" : text(target.value())).append(')');
    }
    return line.toString();
  }

  private static boolean member(Member m, boolean extensible) {
    int mod = m.getModifiers();
    return !m.isSynthetic()
        && (Modifier.isPublic(mod) || (extensible && Modifier.isProtected(mod)));
  }

  private static String text(Object value) {
    if (value instanceof Object[]) {
      return Arrays.stream((Object[]) value)
          .map(ApiSignatureTest::text)
          .sorted()
          .collect(Collectors.joining(","));
    }
    if (value instanceof String) {
      return '"' + (String) value + '"';
    }
    if (value instanceof Annotation) {
      return value.toString();
    }
    return String.valueOf(value);
  }
}
