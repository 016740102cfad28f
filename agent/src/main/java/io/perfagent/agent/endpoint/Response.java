package io.perfagent.agent.endpoint;

import io.perfagent.core.json.JsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP response: status, content type and body, or a body written straight to the client
 * ({@link Streamed}: a Prometheus scrape is megabytes that need not exist whole). Immutable.
 */
final class Response {

  /** A body written to the client as it is produced. */
  interface Streamed {
    void writeTo(OutputStream out) throws IOException;
  }

  static final String JSON = "application/json; charset=utf-8";
  static final String CSV = "text/csv; charset=utf-8";

  final int status;
  final String contentType;

  /** The body; empty when {@link #stream} is set. */
  final String body;

  /** The body to stream instead, or null. */
  final @Nullable Streamed stream;

  /** One extra header (Allow, WWW-Authenticate), or null. */
  final @Nullable String headerName;

  final @Nullable String headerValue;

  Response(int status, String contentType, String body) {
    this(status, contentType, body, null, null, null);
  }

  private Response(
      int status,
      String contentType,
      String body,
      @Nullable Streamed stream,
      @Nullable String headerName,
      @Nullable String headerValue) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.stream = stream;
    this.headerName = headerName;
    this.headerValue = headerValue;
  }

  /** A 200 response whose body is written to the client as it is produced. */
  static Response streamed(String contentType, Streamed stream) {
    return new Response(200, contentType, "", stream, null, null);
  }

  Response withHeader(String name, String value) {
    return new Response(status, contentType, body, stream, name, value);
  }

  /** The whole body as text, streamed or not (for tests and small bodies). */
  String text() throws IOException {
    if (stream == null) {
      return body;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    stream.writeTo(out);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  static Response json(String body) {
    return new Response(200, JSON, body);
  }

  /** {@code {"error": message, "status": code}}. */
  static Response error(int status, String message) {
    String body =
        new JsonWriter()
            .beginObject()
            .name("error", message)
            .name("status", status)
            .endObject()
            .toString();
    return new Response(status, JSON, body + "\n");
  }
}
