package io.perfagent.agent.cli;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Plain-text tables and boxes, padded on visible width, coloured last. */
final class Layout {

  /** One line of output and, optionally, the level label in it to colour. */
  static final class Line {
    final String text;
    final @Nullable String level;

    Line(String text, @Nullable String level) {
      this.text = text;
      this.level = level;
    }
  }

  private Layout() {}

  /** Columns padded to their widest cell; the last column of each row is coloured by its level. */
  static List<Line> table(List<String[]> rows, String @Nullable [] levels) {
    int cols = rows.isEmpty() ? 0 : rows.get(0).length;
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    List<Line> out = new ArrayList<>();
    for (int row = 0; row < rows.size(); row++) {
      StringBuilder b = new StringBuilder();
      String[] r = rows.get(row);
      for (int i = 0; i < cols; i++) {
        if (i > 0) {
          b.append("  ");
        }
        b.append(r[i]);
        if (i < cols - 1) {
          for (int p = r[i].length(); p < width[i]; p++) {
            b.append(' ');
          }
        }
      }
      out.add(new Line(b.toString(), levels == null ? null : levels[row]));
    }
    return out;
  }

  /** Lines in a rounded box titled {@code title}. */
  static String box(String title, List<Line> lines, Style style) {
    int width = title.length() + 4;
    for (Line l : lines) {
      width = Math.max(width, l.text.length());
    }
    StringBuilder b = new StringBuilder();
    b.append("╭─ ").append(style.bold(title)).append(' ');
    repeat(b, '─', width - title.length() - 2);
    b.append("╮\n");
    for (Line l : lines) {
      b.append("│ ").append(colour(l, style));
      repeat(b, ' ', width - l.text.length());
      b.append(" │\n");
    }
    b.append("╰");
    repeat(b, '─', width + 2);
    b.append("╯\n");
    return b.toString();
  }

  /** The lines as they are, without a box. */
  static String plain(List<Line> lines, Style style) {
    StringBuilder b = new StringBuilder();
    for (Line l : lines) {
      b.append(colour(l, style)).append('\n');
    }
    return b.toString();
  }

  private static String colour(Line l, Style style) {
    if (l.level == null || !style.colour) {
      return l.text;
    }
    int at = l.text.lastIndexOf(l.level);
    if (at < 0) {
      return l.text;
    }
    return l.text.substring(0, at)
        + style.level(l.level, l.level)
        + l.text.substring(at + l.level.length());
  }

  private static void repeat(StringBuilder b, char c, int n) {
    for (int i = 0; i < n; i++) {
      b.append(c);
    }
  }
}
