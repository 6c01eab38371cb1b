package io.pipelinetasks.task.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * String-level path rules of the Node library: when a path or pattern counts as rooted, how a root
 * is joined to a relative pattern, and how glob characters in a root folder name are escaped. These
 * work on text rather than {@link java.nio.file.Path} because patterns are not paths, and because
 * the results must be the same strings the official library produces.
 */
final class PathText {
  private static final Pattern DRIVE_PREFIX = Pattern.compile("^[A-Za-z]:");
  private static final Pattern DRIVE_ONLY = Pattern.compile("^[A-Za-z]:$");
  private static final Pattern BACKSLASH_RUNS = Pattern.compile("\\\\{2,}");
  private static final Pattern SLASH_RUNS = Pattern.compile("/{2,}");
  private static final Pattern UNC_PREFIX = Pattern.compile("^\\\\\\\\+[^\\\\]");
  // a '[' that a ']' follows in the same path segment would open a character class
  private static final Pattern CLASS_OPENER = Pattern.compile("\\[(?=[^/]+\\])");

  private PathText() {}

  /**
   * Collapses repeated separators; on Windows also turns slashes into backslashes and keeps the
   * leading double backslash of a UNC path.
   */
  static String normalizeSeparators(String path, Platform platform) {
    if (platform.windows()) {
      String backslashed = path.replace('/', '\\');
      boolean unc = UNC_PREFIX.matcher(backslashed).find();
      return (unc ? "\\" : "")
          + BACKSLASH_RUNS.matcher(backslashed).replaceAll(Matcher.quoteReplacement("\\"));
    }
    return SLASH_RUNS.matcher(path).replaceAll("/");
  }

  /**
   * Whether a path or pattern is rooted: it starts with {@code /} on Linux and macOS; on Windows it
   * starts with a separator or a drive letter, so {@code C:} and {@code \\server\share} count.
   */
  static boolean isRooted(String path, Platform platform) {
    String normalized = normalizeSeparators(path, platform);
    if (normalized.isEmpty()) {
      throw new IllegalArgumentException("path must not be empty");
    }
    if (platform.windows()) {
      return normalized.startsWith("\\") || DRIVE_PREFIX.matcher(normalized).find();
    }
    return normalized.startsWith("/");
  }

  /** Prefixes a relative path with a root, adding a separator when the root lacks one. */
  static String ensureRooted(String root, String path, Platform platform) {
    if (root.isEmpty() || path.isEmpty()) {
      throw new IllegalArgumentException("root and path must not be empty");
    }
    if (isRooted(path, platform)) {
      return path;
    }
    if (platform.windows() && DRIVE_ONLY.matcher(root).matches()) {
      return root + path;
    }
    boolean endsWithSeparator = root.endsWith("/") || (platform.windows() && root.endsWith("\\"));
    return endsWithSeparator ? root + path : root + platform.separator() + path;
  }

  /**
   * Prefixes a relative pattern with a root folder, first escaping whatever in the folder's name
   * minimatch would read as a glob: {@code *}, {@code ?}, a {@code [} closed in the same segment,
   * the extglob openers {@code +(}, {@code @(}, {@code !(}, and on Linux and macOS the backslash.
   * Braces are left alone because brace expansion has already happened when this runs.
   */
  static String ensurePatternRooted(String root, String pattern, Platform platform) {
    if (root.isEmpty() || pattern.isEmpty()) {
      throw new IllegalArgumentException("root and pattern must not be empty");
    }
    if (isRooted(pattern, platform)) {
      return pattern;
    }
    String escaped = normalizeSeparators(root, platform);
    if (!platform.windows()) {
      escaped = escaped.replace("\\", "\\\\");
    }
    escaped = CLASS_OPENER.matcher(escaped).replaceAll("[[]");
    escaped =
        escaped
            .replace("?", "[?]")
            .replace("*", "[*]")
            .replace("+(", "[+](")
            .replace("@(", "[@](")
            .replace("!(", "[!](");
    return ensureRooted(escaped, pattern, platform);
  }

  /**
   * The parent of a path with trailing separators trimmed, the way .NET's {@code
   * Path.GetDirectoryName} does: empty for a root or a bare name.
   */
  static String directoryName(String path, Platform platform) {
    if (path.isEmpty()) {
      return "";
    }
    String p = normalizeSeparators(path, platform);
    if (platform.windows()) {
      if (p.matches("^[A-Za-z]:\\\\?[^\\\\]+$")) {
        return p.length() > 2 && p.charAt(2) == '\\' ? p.substring(0, 3) : p.substring(0, 2);
      }
      if (p.matches("^[A-Za-z]:\\\\?$")) {
        return "";
      }
      int last = p.lastIndexOf('\\');
      if (last < 0 || p.equals("\\")) {
        return "";
      }
      if (last == 0) {
        return "\\";
      }
      if (p.matches("^\\\\\\\\[^\\\\]+(\\\\[^\\\\]*)?$")) {
        return "";
      }
      return p.substring(0, last);
    }
    if (p.indexOf('/') < 0 || p.equals("/")) {
      return "";
    }
    if (p.endsWith("/")) {
      return p.substring(0, p.length() - 1);
    }
    int last = p.lastIndexOf('/');
    return last == 0 ? "/" : p.substring(0, last);
  }

  /**
   * Splits on runs of slashes, keeping a leading and a trailing empty part, as JavaScript's {@code
   * split(/\/+/)} does: {@code "/a/b/"} gives {@code ["", "a", "b", ""]}.
   */
  static List<String> splitOnSlashes(String text) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '/') {
        parts.add(text.substring(start, i));
        while (i < text.length() && text.charAt(i) == '/') {
          i++;
        }
        start = i;
      } else {
        i++;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  /**
   * Trims whitespace as JavaScript's {@code String.prototype.trim} does, which also removes
   * no-break spaces and the byte order mark that {@link String#strip()} keeps.
   */
  static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isJavaScriptWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && isJavaScriptWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isJavaScriptWhitespace(char c) {
    switch (c) {
      case '\t',
          '\n',
          '\u000B',
          '\f',
          '\r',
          ' ',
          '\u00A0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202F',
          '\u205F',
          '\u3000',
          '\uFEFF' -> {
        return true;
      }
      default -> {
        return c >= '\u2000' && c <= '\u200A';
      }
    }
  }
}
