package io.pipelinetasks.task;

import io.pipelinetasks.task.internal.Formatter;
import io.pipelinetasks.task.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up the task's messages: the {@code messages} of its task.json, replaced by {@code
 * loc.messages.<key>} from {@code Strings/resources.resjson/<culture>/resources.resjson} when the
 * agent's culture has a translation, and formatted as the Node library formats them.
 *
 * <p>Messages load on first use, so a task that never localises pays nothing at start-up.
 */
final class Localizer {
  private final Optional<Path> taskDirectory;
  private final Optional<ClassLoader> classLoader;
  private final String culture;
  private final TaskLog log;
  private Map<String, String> messages;

  Localizer(
      Optional<Path> taskDirectory,
      Optional<ClassLoader> classLoader,
      String culture,
      TaskLog log) {
    this.taskDirectory = taskDirectory;
    this.classLoader = classLoader;
    this.culture = culture;
    this.log = log;
  }

  synchronized String loc(String key, Object... args) {
    if (messages == null) {
      messages = load();
    }
    String template = messages.get(key);
    if (template == null) {
      log.warning(
          messages.isEmpty()
              ? "Resource file haven't been set, can't find loc string for key: " + key
              : "Can't find loc string for key: " + key);
      template = key;
    }
    return args.length == 0 ? template : Formatter.format(template, args);
  }

  private Map<String, String> load() {
    Optional<String> taskJson = read("task.json");
    if (taskJson.isEmpty()) {
      return Map.of();
    }
    Map<String, String> loaded = new HashMap<>();
    try {
      if (Json.parseObject(taskJson.get()).get("messages") instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> message : map.entrySet()) {
          loaded.put(String.valueOf(message.getKey()), String.valueOf(message.getValue()));
        }
      }
    } catch (IllegalArgumentException bad) {
      log.warning("task.json cannot be read for messages: " + bad.getMessage());
      return Map.of();
    }
    Optional<String> translated = translation();
    if (translated.isPresent()) {
      try {
        String prefix = "loc.messages.";
        for (Map.Entry<String, Object> message : Json.parseObject(translated.get()).entrySet()) {
          if (message.getKey().startsWith(prefix) && message.getValue() instanceof String s) {
            loaded.put(message.getKey().substring(prefix.length()), s);
          }
        }
      } catch (IllegalArgumentException bad) {
        // A broken translation falls back to task.json's English text, as the Node library does.
      }
    }
    return loaded;
  }

  private Optional<String> translation() {
    if (taskDirectory.isPresent()) {
      Path strings = taskDirectory.get().resolve("Strings").resolve("resources.resjson");
      if (Files.isDirectory(strings)) {
        try (DirectoryStream<Path> cultures = Files.newDirectoryStream(strings)) {
          for (Path dir : cultures) {
            if (dir.getFileName().toString().equalsIgnoreCase(culture)) {
              Path file = dir.resolve("resources.resjson");
              if (Files.isRegularFile(file)) {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
              }
            }
          }
        } catch (IOException unreadable) {
          return Optional.empty();
        }
      }
    }
    for (String variant : new String[] {culture, culture.toLowerCase(Locale.ROOT)}) {
      Optional<String> resource =
          read("Strings/resources.resjson/" + variant + "/resources.resjson");
      if (resource.isPresent()) {
        return resource;
      }
    }
    return Optional.empty();
  }

  private Optional<String> read(String relative) {
    if (taskDirectory.isPresent()) {
      Path file = taskDirectory.get().resolve(relative);
      if (Files.isRegularFile(file)) {
        try {
          return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
          return Optional.empty();
        }
      }
    }
    if (classLoader.isPresent()) {
      URL url = classLoader.get().getResource(relative);
      if (url != null) {
        try (InputStream in = url.openStream()) {
          return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
