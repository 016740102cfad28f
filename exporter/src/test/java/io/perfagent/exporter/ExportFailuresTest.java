package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.export.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExportFailuresTest {

  @Test
  void httpRefusal_isDescribedByItsStatusAndTheMessageInTheProtobufStatusBody() {
    byte[] body = status(8, "request body too large");
    Throwable refused = FailedExportException.httpFailedWithResponse(response(413, body));

    assertThat(ExportFailures.describe(refused))
        .isEqualTo("the Collector answered HTTP 413: request body too large");
    assertThat(ExportFailures.beforeAnyAnswer(refused)).isFalse();
  }

  @Test
  void httpRefusal_fromAProxy_showsItsTextBody() {
    byte[] body =
        "<html><body>413 Request Entity Too Large</body></html>".getBytes(StandardCharsets.UTF_8);
    Throwable refused = FailedExportException.httpFailedWithResponse(response(413, body));

    assertThat(ExportFailures.describe(refused))
        .isEqualTo(
            "the Collector answered HTTP 413: <html><body>413 Request Entity Too Large</body></html>");
  }

  @Test
  void networkFailure_isDescribedByTheRootCause_andCountsAsBeforeAnyAnswer() {
    Throwable timedOut =
        FailedExportException.grpcFailedExceptionally(
            new IOException(new SocketTimeoutException("timeout")));

    assertThat(ExportFailures.describe(timedOut)).isEqualTo("SocketTimeoutException timeout");
    assertThat(ExportFailures.beforeAnyAnswer(timedOut)).isTrue();
  }

  @Test
  void noThrowable_saysSo() {
    assertThat(ExportFailures.describe(null)).isEqualTo("no reason given");
  }

  /** A google.rpc.Status: field 1 the code (varint), field 2 the message. */
  private static byte[] status(int code, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x08);
    out.write(code);
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    out.write(0x12);
    out.write(text.length);
    out.write(text, 0, text.length);
    return out.toByteArray();
  }

  private static HttpResponse response(int status, byte[] body) {
    return new HttpResponse() {
      @Override
      public int getStatusCode() {
        return status;
      }

      @Override
      public String getStatusMessage() {
        return "";
      }

      @Override
      public byte[] getResponseBody() {
        return body;
      }
    };
  }
}
