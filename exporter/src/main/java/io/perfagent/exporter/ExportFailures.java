package io.perfagent.exporter;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Says why an export failed in words a reader can act on: the Collector's gRPC status and message,
 * or its HTTP status and the message in its answer, or the network error. The OTLP exporters report
 * a refusal as an exception with no message of its own.
 */
final class ExportFailures {

  private static final int MAX_MESSAGE = 300;

  private ExportFailures() {}

  /** One line, e.g. {@code gRPC RESOURCE_EXHAUSTED: grpc: received message larger than max}. */
  static @Nullable String describe(Throwable failure) {
    if (failure == null) {
      return "no reason given";
    }
    if (failure instanceof FailedExportException.GrpcExportException) {
      GrpcResponse response = ((FailedExportException.GrpcExportException) failure).getResponse();
      if (response != null) {
        String message = response.getStatusDescription();
        return "the Collector answered gRPC status "
            + response.getStatusCode()
            + (message == null || message.isEmpty() ? "" : ": " + clip(message));
      }
    }
    if (failure instanceof FailedExportException.HttpExportException) {
      HttpResponse response = ((FailedExportException.HttpExportException) failure).getResponse();
      if (response != null) {
        String message = bodyMessage(response.getResponseBody());
        return "the Collector answered HTTP "
            + response.getStatusCode()
            + (message.isEmpty() ? "" : ": " + clip(message));
      }
    }
    if (failure instanceof RoundFailure || failure instanceof RoundSkipped) {
      return failure.getMessage();
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : " " + clip(root.getMessage()));
  }

  /**
   * Whether the failure happened before any answer (refused, unreachable, timed out): the same
   * would happen to every further request of the round, so they are not sent.
   */
  static boolean beforeAnyAnswer(Throwable failure) {
    if (failure instanceof FailedExportException) {
      return !((FailedExportException) failure).failedWithResponse();
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The message in an OTLP/HTTP error answer: a protobuf {@code google.rpc.Status} whose field 2 is
   * the message, or plain text (JSON, HTML) from a proxy.
   */
  static String bodyMessage(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String status = statusMessage(body);
    if (status != null) {
      return status;
    }
    String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
    return printable(text) ? text : "";
  }

  /** Field 2 (string) of a protobuf message, or {@code null} if {@code body} is not one. */
  private static @Nullable String statusMessage(byte[] body) {
    int i = 0;
    while (i < body.length) {
      int tag = body[i++] & 0xFF;
      int field = tag >>> 3;
      int wire = tag & 7;
      if (wire == 0) {
        while (i < body.length && (body[i] & 0x80) != 0) {
          i++;
        }
        i++;
      } else if (wire == 2) {
        long length = 0;
        int shift = 0;
        while (i < body.length && shift < 35) {
          int b = body[i++] & 0xFF;
          length |= (long) (b & 0x7F) << shift;
          shift += 7;
          if ((b & 0x80) == 0) {
            break;
          }
        }
        if (length < 0 || i + length > body.length) {
          return null;
        }
        if (field == 2) {
          String message = new String(body, i, (int) length, StandardCharsets.UTF_8);
          return printable(message) ? message : null;
        }
        i += (int) length;
      } else {
        return null;
      }
    }
    return null;
  }

  private static boolean printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) || c == '\uFFFD') {
        return false;
      }
    }
    return true;
  }

  private static String clip(String s) {
    return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
  }

  /**
   * A round not sent because the one before it still waits for the Collector's answer: not a reason
   * of its own (the answer, when it comes, is), so it is counted but not reported.
   */
  static final class RoundSkipped extends Exception {
    private static final long serialVersionUID = 1L;

    RoundSkipped(String message) {
      super(message, null, false, false);
    }
  }

  /** How a round of requests ended short: its message is the whole story, counts and reason. */
  static final class RoundFailure extends Exception {
    private static final long serialVersionUID = 1L;

    RoundFailure(String message) {
      super(message, null, false, false);
    }
  }
}
