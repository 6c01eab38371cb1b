package io.pipelinetasks.taskjson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is what a task author or another module can use; implementation types, and
 * Jackson, must stay out of every public signature so they can change freely.
 */
class PublicApiTest {
  @Test
  void noPublicSignatureMentionsAnInternalTypeOrJackson() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : publicApiTypes()) {
      List<Type> mentioned = new ArrayList<>();
      mentioned.add(type.getGenericSuperclass());
      mentioned.addAll(List.of(type.getGenericInterfaces()));
      for (Method m : type.getDeclaredMethods()) {
        if (isApi(m.getModifiers())) {
          mentioned.add(m.getGenericReturnType());
          mentioned.addAll(List.of(m.getGenericParameterTypes()));
          mentioned.addAll(List.of(m.getGenericExceptionTypes()));
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (isApi(c.getModifiers())) {
          mentioned.addAll(List.of(c.getGenericParameterTypes()));
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (isApi(f.getModifiers())) {
          mentioned.add(f.getGenericType());
        }
      }
      for (Type t : mentioned) {
        names(t).stream()
            .filter(n -> n.contains(".internal.") || n.startsWith("com.fasterxml."))
            .forEach(n -> leaks.add(type.getName() + " mentions " + n));
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void theApiIsTheDocumentedSet() throws Exception {
    assertThat(publicApiTypes())
        .extracting(Class::getSimpleName)
        .contains(
            "TaskDefinition",
            "TaskJson",
            "TaskJsonValidator",
            "Problem",
            "VisibleRule",
            "InputBinder",
            "BoundInputs",
            "InputSpec",
            "InputValues",
            "TaskInputs",
            "TaskInputsProcessor",
            "ExtensionManifest")
        .doesNotContain("Copies", "JsonStrings", "VisibleRuleParser", "RecordSource");
  }

  private static boolean isApi(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static List<Class<?>> publicApiTypes() throws IOException, URISyntaxException {
    Path classes =
        Path.of(TaskJson.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.');
        name = name.substring(0, name.length() - ".class".length());
        if (name.contains(".internal.") || name.endsWith("package-info")) {
          continue;
        }
        try {
          Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
          if (Modifier.isPublic(type.getModifiers())) {
            types.add(type);
          }
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return types;
  }

  private static List<String> names(Type type) {
    List<String> names = new ArrayList<>();
    collect(type, names, 0);
    return names;
  }

  private static void collect(Type type, List<String> names, int depth) {
    if (type == null || depth > 8) {
      return;
    }
    if (type instanceof Class<?> c) {
      names.add(c.isArray() ? c.getComponentType().getName() : c.getName());
    } else if (type instanceof ParameterizedType p) {
      collect(p.getRawType(), names, depth + 1);
      for (Type argument : p.getActualTypeArguments()) {
        collect(argument, names, depth + 1);
      }
    } else if (type instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .forEach(b -> collect(b, names, depth + 1));
    } else if (type instanceof GenericArrayType g) {
      collect(g.getGenericComponentType(), names, depth + 1);
    } else if (type instanceof TypeVariable<?> v) {
      for (Type bound : v.getBounds()) {
        collect(bound, names, depth + 1);
      }
    }
  }
}
