package io.perfagent.core.json;

/** A JSON text that does not parse, or does not have the expected shape. */
public final class JsonException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public JsonException(String message) {
    super(message);
  }
}
