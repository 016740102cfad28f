package io.perfagent.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDrainTest {

  @Test
  void flush_writesExactlyWhatStringGetBytesWould_acrossItsBufferBoundaries() throws Exception {
    StringBuilder expected = new StringBuilder();
    for (int i = 0; expected.length() < 50_000; i++) {
      expected.append("m").append(i).append(" é ½ € 漢 \uD83D\uDE00 \uD800x ");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder text = new StringBuilder(expected);
    new TextDrain(text, out).flush();
    assertThat(out.toByteArray()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(text).isEmpty();
  }

  @Test
  void drain_sendsNothingBelowTheThreshold_andEverythingAtIt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder text = new StringBuilder("a".repeat(TextDrain.THRESHOLD - 1));
    TextDrain drain = new TextDrain(text, out);
    drain.drain();
    assertThat(out.size()).isZero();
    text.append("b");
    drain.drain();
    assertThat(out.size()).isEqualTo(TextDrain.THRESHOLD);
    assertThat(text).isEmpty();
  }

  @Test
  void theStreamedSummary_isTheSummaryText_forAManyMethodCycle() throws Exception {
    FakeState state = new FakeState();
    state.latest = FakeState.degradedCycle();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Views.summary(state, FakeState.START + 60_000, out);
    assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo(Views.summary(state, false, FakeState.START + 60_000))
        .endsWith("}\n");
  }
}
