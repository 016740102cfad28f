package io.perfagent.agent.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

  @Test
  void aStalledReceiver_fillsTheBoundedQueue_andEveryFurtherAlertIsDroppedAndCounted()
      throws Exception {
    // A receiver that accepts connections and never answers: the sender's one thread waits on it.
    try (ServerSocket stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      WebhookSender s =
          WebhookSender.create("http://127.0.0.1:" + stalled.getLocalPort() + "/hook", "", 10_000);
      int accepted = 0;
      for (int i = 0; i < 400; i++) {
        if (s.offer("{\"n\":" + i + "}")) {
          accepted++;
        }
      }
      // The queue holds 256; the sender thread may have taken one more before the queue filled.
      assertThat(accepted)
          .isBetween(WebhookSender.QUEUE_CAPACITY, WebhookSender.QUEUE_CAPACITY + 1);
      assertThat(s.dropped()).isEqualTo(400 - accepted);
      assertThat(s.delivered()).isZero();
      s.close(0);
      assertThat(s.offer("{}")).as("closed: refused").isFalse();
    }
  }

  @Test
  void badHeaders_areRefusedWithoutEchoingTheirValues_andBadUrlsNameWhatIsExpected() {
    assertThatThrownBy(
            () -> WebhookSender.parseHeaders("Authorization=Bearer top-secret,no-equals"))
        .hasMessage("expected name=value pairs separated by , (header 2 is not)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("top-secret"));
    assertThat(WebhookSender.parseHeaders("Authorization=Bearer x, X-Team = orders"))
        .containsEntry("Authorization", "Bearer x")
        .containsEntry("X-Team", "orders");
    assertThatThrownBy(() -> WebhookSender.create("ftp://host/x", "", 1))
        .hasMessage("expected an http:// or https:// URL");
    assertThat(
            WebhookSender.create("https://user:pw@hooks.example.com:8443/a/b?key=secret", "", 1)
                .shownUrl())
        .isEqualTo("https://hooks.example.com:8443/a/b");
  }
}
