package io.perfagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ClassPrefilterTest {

  private final ClassPrefilter prefilter =
      ClassPrefilter.forConfig(
          ConfigLoader.load(
                  "perf.instrument.methods=shapes.Plain#compute",
                  Collections.emptyMap(),
                  Collections.emptyMap())
              .config());

  @Test
  void acceptsClassesThatUseAHonouredAnnotation() throws IOException {
    assertThat(prefilter.mightMatch("shapes/Shapes", bytesOf("shapes/Shapes"))).isTrue();
    assertThat(prefilter.mightMatch("shapes/TypeLevel", bytesOf("shapes/TypeLevel"))).isTrue();
  }

  @Test
  void acceptsClassesNamedInConfiguration() throws IOException {
    assertThat(prefilter.mightMatch("shapes/Plain", bytesOf("shapes/Plain"))).isTrue();
  }

  @Test
  void rejectsEverythingElse() throws IOException {
    assertThat(prefilter.mightMatch("java/lang/String", bytesOf("java/lang/String"))).isFalse();
    assertThat(prefilter.mightMatch("java/util/HashMap", bytesOf("java/util/HashMap"))).isFalse();
    assertThat(prefilter.mightMatch("shapes/WithDefault$Impl", bytesOf("shapes/WithDefault$Impl")))
        .isFalse();
  }

  @Test
  void acceptsClassLoadersThatDeclareLoadClass_notClassesThatOnlyCallIt() throws IOException {
    String loader = ChildFirstClassLoader.class.getName().replace('.', '/');
    String caller = CallsLoadClass.class.getName().replace('.', '/');
    assertThat(prefilter.mightMatch(loader, bytesOf(loader))).isTrue();
    assertThat(prefilter.mightMatch(caller, bytesOf(caller))).isFalse();
  }

  /** Mentions loadClass and its descriptor in its constant pool, but declares no such method. */
  static final class CallsLoadClass {
    Class<?> load(ClassLoader loader) throws ClassNotFoundException {
      return loader.loadClass("x.Y");
    }
  }

  @Test
  void passesOnWhatItCannotRead() {
    assertThat(prefilter.mightMatch("x/Y", new byte[] {1, 2, 3})).isTrue();
    byte[] truncated =
        new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 55, 0, 9, 1, 0};
    assertThat(prefilter.mightMatch("x/Y", truncated)).isTrue();
  }

  private static byte[] bytesOf(String internalName) throws IOException {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
      if (in != null) {
        return in.readAllBytes();
      }
    }
    try (InputStream in = Object.class.getResourceAsStream("/" + internalName + ".class")) {
      return in.readAllBytes();
    }
  }
}
