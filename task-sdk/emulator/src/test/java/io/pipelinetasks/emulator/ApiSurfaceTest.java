package io.pipelinetasks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public API never mentions an implementation type. */
class ApiSurfaceTest {
  private static final String INTERNAL = "io.pipelinetasks.emulator.internal";

  private static List<Class<?>> publicTypes() throws Exception {
    Path classes =
        Path.of(AzureEmulator.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("io/pipelinetasks/emulator");
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.list(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = file.getFileName().toString().replace(".class", "");
        Class<?> type =
            Class.forName(
                "io.pipelinetasks.emulator."
                    + name.replace('$', '.').replaceAll("\\.(?=[A-Z])", "\\$"));
        if (Modifier.isPublic(type.getModifiers())) {
          types.add(type);
        }
      }
    }
    return types;
  }

  @Test
  void noPublicSignatureMentionsTheInternalPackage() throws Exception {
    List<String> leaks = new ArrayList<>();
    List<Class<?>> types = publicTypes();
    assertThat(types).contains(AzureEmulator.class, AzureEmulator.Builder.class, FaultRule.class);
    for (Class<?> type : types) {
      for (Method method : type.getDeclaredMethods()) {
        if (Modifier.isPublic(method.getModifiers())
            || Modifier.isProtected(method.getModifiers())) {
          check(leaks, type + "." + method.getName(), method.getGenericReturnType());
          for (Type parameter : method.getGenericParameterTypes()) {
            check(leaks, type + "." + method.getName(), parameter);
          }
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (Modifier.isPublic(constructor.getModifiers())) {
          for (Type parameter : constructor.getGenericParameterTypes()) {
            check(leaks, type + " constructor", parameter);
          }
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isPublic(field.getModifiers())) {
          check(leaks, type + "." + field.getName(), field.getGenericType());
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static void check(List<String> leaks, String where, Type type) {
    if (type.getTypeName().contains(INTERNAL)) {
      leaks.add(where + ": " + type.getTypeName());
    }
  }
}
