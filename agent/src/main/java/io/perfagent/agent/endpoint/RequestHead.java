package io.perfagent.agent.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.x request line and the headers the endpoint reads, parsed from the bytes of a complete
 * request head. The parser is strict where leniency would let two parties read one request
 * differently (whitespace before a colon, folded lines, two {@code Host} headers, a body length
 * that is not a number) and answers those with 400; it keeps only the headers the router and the
 * connection need, so a head costs a few strings, not a map. Immutable.
 */
final class RequestHead {

  /** A head that cannot be served: the status to answer with (400, 431, 505) and why. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    final int status;

    Malformed(int status, String message) {
      super(message, null, false, false); // no stack trace: it is an answer, not a bug
      this.status = status;
    }
  }

  final String method;

  /** The path, still percent-encoded, always starting with {@code /}. */
  final String rawPath;

  /** The query without {@code ?}, still percent-encoded, or null. */
  final @Nullable String rawQuery;

  /** HTTP/1.1 (keep-alive by default, chunked bodies allowed) rather than HTTP/1.0. */
  final boolean http11;

  final @Nullable String host;
  final @Nullable String authorization;
  final @Nullable String accept;

  /** Whether the client asked to close after this response ({@code Connection: close}). */
  final boolean close;

  /** The declared body length (0 when none), or -1 when the body is chunked. */
  final long contentLength;

  /** Whether the client waits for {@code 100 Continue} before it sends its body. */
  final boolean expectContinue;

  private RequestHead(
      String method,
      String rawPath,
      @Nullable String rawQuery,
      boolean http11,
      @Nullable String host,
      @Nullable String authorization,
      @Nullable String accept,
      boolean close,
      long contentLength,
      boolean expectContinue) {
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.http11 = http11;
    this.host = host;
    this.authorization = authorization;
    this.accept = accept;
    this.close = close;
    this.contentLength = contentLength;
    this.expectContinue = expectContinue;
  }

  /**
   * Where the head that starts at {@code from} ends: the offset just past its empty line ({@code
   * CRLF CRLF}, or bare {@code LF LF}), or -1 while it is incomplete.
   */
  static int end(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != '\n') {
        continue;
      }
      // A line ends at i; the head ends when the next line is empty.
      if (i + 1 < to && b[i + 1] == '\n') {
        return i + 2;
      }
      if (i + 2 < to && b[i + 1] == '\r' && b[i + 2] == '\n') {
        return i + 3;
      }
    }
    return -1;
  }

  /**
   * Parses the head in {@code b[from, end)}, as found by {@link #end}. Empty lines before the
   * request line are skipped (RFC 9112 §2.2: a client may send a CRLF after a body).
   */
  static RequestHead parse(byte[] b, int from, int end) throws Malformed {
    String text = new String(b, from, end - from, StandardCharsets.ISO_8859_1);
    int pos = 0;
    while (pos < text.length() && (text.charAt(pos) == '\r' || text.charAt(pos) == '\n')) {
      pos++;
    }
    int eol = text.indexOf('\n', pos);
    if (eol < 0) {
      throw new Malformed(400, "no request line");
    }
    String line = stripCr(text.substring(pos, eol));
    int sp1 = line.indexOf(' ');
    int sp2 = line.lastIndexOf(' ');
    if (sp1 <= 0 || sp2 == sp1 || line.indexOf(' ', sp1 + 1) != sp2) {
      throw new Malformed(400, "the request line is not 'METHOD target HTTP/1.1': " + quote(line));
    }
    String method = line.substring(0, sp1);
    String target = line.substring(sp1 + 1, sp2);
    String version = line.substring(sp2 + 1);
    if (!token(method)) {
      throw new Malformed(400, "the method is not a token: " + quote(method));
    }
    boolean http11;
    if (version.equals("HTTP/1.1")) {
      http11 = true;
    } else if (version.equals("HTTP/1.0")) {
      http11 = false;
    } else if (version.startsWith("HTTP/") && version.length() == 8) {
      throw new Malformed(505, "only HTTP/1.0 and HTTP/1.1 are served, got " + quote(version));
    } else {
      throw new Malformed(400, "the request line ends with no HTTP version: " + quote(line));
    }

    String host = null;
    String authorization = null;
    String accept = null;
    String connection = null;
    String length = null;
    String transferEncoding = null;
    String expect = null;
    int hosts = 0;
    for (int start = eol + 1; start < text.length(); ) {
      int next = text.indexOf('\n', start);
      if (next < 0) {
        next = text.length(); // a head cut short by the caller: its last line as it is
      }
      String h = stripCr(text.substring(start, next));
      start = next + 1;
      if (h.isEmpty()) {
        break; // the empty line that ends the head
      }
      if (h.charAt(0) == ' ' || h.charAt(0) == '\t') {
        throw new Malformed(400, "folded header lines are not accepted: " + quote(h));
      }
      int colon = h.indexOf(':');
      if (colon <= 0 || !token(h.substring(0, colon))) {
        throw new Malformed(400, "not a header line 'Name: value': " + quote(h));
      }
      String name = h.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      switch (name) {
        case "host":
          hosts++;
          host = value;
          break;
        case "authorization":
          authorization = value;
          break;
        case "accept":
          accept = accept == null ? value : accept + ", " + value;
          break;
        case "connection":
          connection = connection == null ? value : connection + ", " + value;
          break;
        case "content-length":
          if (length != null && !length.equals(value)) {
            throw new Malformed(400, "two different Content-Length headers");
          }
          length = value;
          break;
        case "transfer-encoding":
          transferEncoding = value;
          break;
        case "expect":
          expect = value;
          break;
        default:
          break;
      }
    }
    if (hosts > 1) {
      throw new Malformed(400, "more than one Host header");
    }
    if (http11 && host == null) {
      throw new Malformed(400, "an HTTP/1.1 request needs a Host header");
    }
    long contentLength = 0;
    if (transferEncoding != null) {
      contentLength = -1; // the body's end is known only by reading it: the connection closes
    } else if (length != null) {
      contentLength = contentLength(length);
    }

    for (int i = 0; i < target.length(); i++) {
      if (target.charAt(i) <= ' ' || target.charAt(i) >= 0x7f) {
        throw new Malformed(400, "the request target holds a control or non-ASCII character");
      }
    }
    String rawPath = target;
    if (startsWithIgnoreCase(target, "http://") || startsWithIgnoreCase(target, "https://")) {
      // absolute-form (RFC 9112 §3.2.2): keep only the path and query.
      int slash = target.indexOf('/', target.indexOf("//") + 2);
      rawPath = slash < 0 ? "/" : target.substring(slash);
    } else if (!target.startsWith("/") && !target.equals("*")) {
      throw new Malformed(400, "the request target is not a path: " + quote(target));
    }
    String rawQuery = null;
    int fragment = rawPath.indexOf('#');
    if (fragment >= 0) {
      rawPath = rawPath.substring(0, fragment);
    }
    int q = rawPath.indexOf('?');
    if (q >= 0) {
      rawQuery = rawPath.substring(q + 1);
      rawPath = rawPath.substring(0, q);
    }
    boolean close =
        connection != null
            ? hasToken(connection, "close") || (!http11 && !hasToken(connection, "keep-alive"))
            : !http11;
    return new RequestHead(
        method,
        rawPath,
        rawQuery,
        http11,
        host,
        authorization,
        accept,
        close,
        contentLength,
        expect != null && expect.equalsIgnoreCase("100-continue"));
  }

  private static long contentLength(String value) throws Malformed {
    if (value.isEmpty() || value.length() > 18) {
      throw new Malformed(400, "Content-Length is not a length: " + quote(value));
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        throw new Malformed(400, "Content-Length is not a length: " + quote(value));
      }
    }
    return Long.parseLong(value);
  }

  /** Whether a comma-separated header value lists {@code token}, in any case. */
  private static boolean hasToken(String value, String token) {
    for (String part : value.split(",")) {
      if (part.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  /** RFC 9110's token: the characters of a method or header name. */
  private static boolean token(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  /** The text for an error message: quoted, at most 80 characters, controls shown as '?'. */
  private static String quote(String s) {
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c > 0x7e ? '?' : c);
    }
    return out.append(s.length() > 80 ? "…'" : "'").toString();
  }
}
