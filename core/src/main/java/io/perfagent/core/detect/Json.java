package io.perfagent.core.detect;

/** The few JSON pieces findings and recommendations need; no dependency for one object per line. */
final class Json {

  private Json() {}

  static void string(StringBuilder s, String name, String value) {
    key(s, name);
    quote(s, value);
  }

  static void number(StringBuilder s, String name, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return;
    }
    key(s, name);
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      s.append((long) value);
    } else {
      s.append(value);
    }
  }

  static void number(StringBuilder s, String name, long value) {
    key(s, name);
    s.append(value);
  }

  static void bool(StringBuilder s, String name, boolean value) {
    key(s, name);
    s.append(value);
  }

  private static void key(StringBuilder s, String name) {
    if (s.length() > 1) {
      s.append(',');
    }
    quote(s, name);
    s.append(':');
  }

  static void quote(StringBuilder s, String value) {
    s.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          s.append("\\\"");
          break;
        case '\\':
          s.append("\\\\");
          break;
        case '\n':
          s.append("\\n");
          break;
        case '\r':
          s.append("\\r");
          break;
        case '\t':
          s.append("\\t");
          break;
        default:
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
      }
    }
    s.append('"');
  }
}
