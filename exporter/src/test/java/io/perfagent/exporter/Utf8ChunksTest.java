package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8ChunksTest {

  private static byte[] streamed(String text) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder b = new StringBuilder(text);
    new Utf8Chunks(out).flush(b);
    assertThat(b.length()).isZero();
    return out.toByteArray();
  }

  @Test
  void aSurrogatePairAcrossTheInnerChunkBoundary_isEncodedWhole() throws Exception {
    String text = "a".repeat(Utf8Chunks.CHUNK_CHARS - 1) + "\ud83d\ude00" + "é€ tail";
    assertThat(streamed(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void oneTwoAndThreeByteCharacters_matchTheJdksEncoder() throws Exception {
    String text = "x=\"caf\u00e9\",y=\"\u20ac\u0800\u07ff\u0080\u007f\"\n".repeat(5_000);
    assertThat(streamed(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aLoneSurrogate_becomesAQuestionMark_asInTheJdk() throws Exception {
    String text = "a\ud83db";
    assertThat(streamed(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void maybeFlush_keepsShortTextUntilTheBuilderIsFull() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Utf8Chunks chunks = new Utf8Chunks(out);
    StringBuilder b = new StringBuilder("short\n");
    chunks.maybeFlush(b);
    assertThat(out.size()).isZero();
    b.append("y".repeat(Utf8Chunks.CHUNK_CHARS));
    chunks.maybeFlush(b);
    assertThat(out.size()).isEqualTo(6 + Utf8Chunks.CHUNK_CHARS);
    assertThat(b.length()).isZero();
  }
}
