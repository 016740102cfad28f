package io.perfagent.agent.endpoint;

import io.perfagent.core.json.JsonWriter;
import org.jspecify.annotations.Nullable;

/** One HTTP response: status, content type and body. Immutable. */
final class Response {

  static final String JSON = "application/json; charset=utf-8";
  static final String CSV = "text/csv; charset=utf-8";

  final int status;
  final String contentType;
  final String body;
  /** One extra header (Allow, WWW-Authenticate), or null. */
  final @Nullable String headerName;
  final @Nullable String headerValue;

  Response(int status, String contentType, String body) {
    this(status, contentType, body, null, null);
  }

  private Response(int status, String contentType, String body, @Nullable String headerName,
      @Nullable String headerValue) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.headerName = headerName;
    this.headerValue = headerValue;
  }

  Response withHeader(String name, String value) {
    return new Response(status, contentType, body, name, value);
  }

  static Response json(String body) {
    return new Response(200, JSON, body);
  }

  /** {@code {"error": message, "status": code}}. */
  static Response error(int status, String message) {
    String body = new JsonWriter().beginObject().name("error", message).name("status", status)
        .endObject().toString();
    return new Response(status, JSON, body + "\n");
  }
}
