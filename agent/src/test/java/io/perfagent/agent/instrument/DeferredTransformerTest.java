package io.perfagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.util.Collections;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The transformer registered in premain, without Byte Buddy: waiting, handing over, giving up. */
@Timeout(60) // a guard against a hang, not a timing assertion
class DeferredTransformerTest {

  private static final byte[] WOVEN = {1, 2, 3};

  private static final ClassPrefilter PREFILTER =
      ClassPrefilter.forConfig(
          ConfigLoader.load(null, Collections.emptyMap(), Collections.emptyMap()).config());

  @Test
  void aClassThatMayMatch_loadsUnmeasured_whenTheTransformerIsNotReadyInTime() throws Exception {
    DeferredTransformer deferred = new DeferredTransformer(PREFILTER, 1);
    assertThat(deferred.transform(null, null, "shapes/Shapes", null, null, shapesClassFile()))
        .isNull();
  }

  @Test
  void aClassThatMayMatch_goesToTheTransformerOnceItIsReady() throws Exception {
    DeferredTransformer deferred = new DeferredTransformer(PREFILTER, 3_600_000);
    deferred.activate(returning(WOVEN));
    assertThat(deferred.transform(null, null, "shapes/Shapes", null, null, shapesClassFile()))
        .isSameAs(WOVEN);
  }

  @Test
  void afterAbandon_aClassLoadsUnmeasured_withoutWaiting() throws Exception {
    DeferredTransformer deferred = new DeferredTransformer(PREFILTER, 3_600_000);
    deferred.abandon();
    assertThat(deferred.transform(null, null, "shapes/Shapes", null, null, shapesClassFile()))
        .isNull();
  }

  @Test
  void aTransformerThatThrows_costsTheClassItsMeasurementOnly() throws Exception {
    DeferredTransformer deferred = new DeferredTransformer(PREFILTER, 3_600_000);
    deferred.activate(
        new ClassFileTransformer() {
          @Override
          public byte[] transform(
              ClassLoader loader,
              String className,
              Class<?> classBeingRedefined,
              java.security.ProtectionDomain protectionDomain,
              byte[] classfileBuffer) {
            throw new IllegalStateException("broken weaving");
          }
        });
    assertThat(deferred.transform(null, null, "shapes/Shapes", null, null, shapesClassFile()))
        .isNull();
  }

  @Test
  void jdkAndRejectedClasses_passAtOnce_evenBeforeTheTransformerIsReady() throws Exception {
    DeferredTransformer deferred = new DeferredTransformer(PREFILTER, 3_600_000);
    assertThat(deferred.transform(null, null, "java/lang/Thing", null, null, shapesClassFile()))
        .isNull();
    assertThat(PREFILTER.mightMatch("app/Unannotated", classFile("DeferredTransformerTest")))
        .as("this test class names no honoured annotation")
        .isFalse();
    assertThat(
            deferred.transform(
                null, null, "app/Unannotated", null, null, classFile("DeferredTransformerTest")))
        .isNull();
  }

  private static ClassFileTransformer returning(byte[] bytes) {
    return new ClassFileTransformer() {
      @Override
      public byte[] transform(
          ClassLoader loader,
          String className,
          Class<?> classBeingRedefined,
          java.security.ProtectionDomain protectionDomain,
          byte[] classfileBuffer) {
        return bytes;
      }
    };
  }

  /** A class file that names {@code @Measured}, so the prefilter lets it through. */
  private static byte[] shapesClassFile() throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            DeferredTransformerTest.class.getResourceAsStream("/shapes/Shapes.class"),
            "shapes/Shapes.class on the test class path")) {
      return in.readAllBytes();
    }
  }

  private static byte[] classFile(String simpleName) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            DeferredTransformerTest.class.getResourceAsStream(simpleName + ".class"), simpleName)) {
      return in.readAllBytes();
    }
  }
}
