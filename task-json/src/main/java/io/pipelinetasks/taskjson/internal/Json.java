package io.pipelinetasks.taskjson.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pipelinetasks.taskjson.TaskJsonException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Jackson set up for manifests: strict JSON in, the official files' layout out. */
public final class Json {
  // Big decimals keep numbers such as 1.10 exactly as written, so a round trip cannot change them.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  // Two-space indent, "key": value, one array item per line: the layout of the official task.json
  // files, so a file written back differs from the original only where something changed.
  private static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private Json() {}

  /**
   * Reads a file as text: UTF-8, a leading byte-order mark removed (Windows editors add one and the
   * agent accepts it).
   */
  public static String readText(Path file, String displayName) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TaskJsonException(
          "FileUnreadable", displayName, 0, 0, displayName + ": file not found", e);
    } catch (IOException e) {
      throw new TaskJsonException(
          "FileUnreadable", displayName, 0, 0, displayName + ": cannot be read (" + e + ")", e);
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
      return stripByteOrderMark(text);
    } catch (CharacterCodingException e) {
      throw new TaskJsonException(
          "FileUnreadable", displayName, 0, 0, displayName + ": is not UTF-8 text", e);
    }
  }

  /** The text without a leading byte-order mark. */
  public static String stripByteOrderMark(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * Parses JSON text, reporting a syntax error with the file, line and column.
   *
   * @throws TaskJsonException with code {@code JsonSyntax}
   */
  public static JsonNode parse(String text, String displayName) {
    try {
      JsonNode node = MAPPER.readTree(stripByteOrderMark(text));
      if (node == null || node.isMissingNode()) {
        throw new TaskJsonException(
            "JsonSyntax", displayName, 1, 1, displayName + ": the file is empty", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
      throw new TaskJsonException(
          "JsonSyntax",
          displayName,
          line,
          column,
          displayName
              + ": invalid JSON at line "
              + line
              + ", column "
              + column
              + ": "
              + firstLine(e.getOriginalMessage()),
          e);
    }
  }

  /**
   * A description of the first duplicate member name, which Jackson otherwise resolves silently in
   * favour of the last one; empty when there is none or the text does not parse.
   */
  public static Optional<String> firstDuplicateKey(String text) {
    try {
      STRICT.readTree(stripByteOrderMark(text));
      return Optional.empty();
    } catch (JsonProcessingException e) {
      String message = firstLine(e.getOriginalMessage());
      if (!message.startsWith("Duplicate field")) {
        return Optional.empty();
      }
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      return Optional.of(message + " at line " + line);
    }
  }

  /** Parses JSON text held in a model's {@code extra} map. */
  public static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON text: " + json, e);
    }
  }

  /** The compact JSON text of a node, as kept in a model's {@code extra} map. */
  public static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The node in the official files' layout, ending with a line feed. */
  public static String pretty(JsonNode node) {
    try {
      return MAPPER.writer(PRINTER).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unexpected content";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
