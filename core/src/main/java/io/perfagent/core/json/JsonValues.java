package io.perfagent.core.json;

import java.util.List;
import java.util.Map;

/** Typed reads of parsed JSON members, each failing with a message that names the member. */
public final class JsonValues {

  private JsonValues() {}

  public static Map<String, Object> object(Map<String, Object> o, String name) {
    Object v = o.get(name);
    if (!(v instanceof Map)) {
      throw new JsonException("'" + name + "' must be an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    return m;
  }

  public static List<Object> array(Map<String, Object> o, String name) {
    Object v = o.get(name);
    if (!(v instanceof List)) {
      throw new JsonException("'" + name + "' must be an array");
    }
    @SuppressWarnings("unchecked")
    List<Object> l = (List<Object>) v;
    return l;
  }

  public static String string(Map<String, Object> o, String name) {
    Object v = o.get(name);
    if (!(v instanceof String)) {
      throw new JsonException("'" + name + "' must be a string");
    }
    return (String) v;
  }

  public static long integer(Map<String, Object> o, String name) {
    Object v = o.get(name);
    if (!(v instanceof Long)) {
      throw new JsonException("'" + name + "' must be a whole number");
    }
    return (Long) v;
  }

  /** A number, or NaN where the member is {@code null} or absent. */
  public static double number(Map<String, Object> o, String name) {
    Object v = o.get(name);
    if (v == null) {
      return Double.NaN;
    }
    if (!(v instanceof Number)) {
      throw new JsonException("'" + name + "' must be a number");
    }
    return ((Number) v).doubleValue();
  }

  /** An element of a numeric array as a double (null → NaN). */
  public static double number(Object element, String what) {
    if (element == null) {
      return Double.NaN;
    }
    if (!(element instanceof Number)) {
      throw new JsonException(what + " must hold numbers");
    }
    return ((Number) element).doubleValue();
  }
}
