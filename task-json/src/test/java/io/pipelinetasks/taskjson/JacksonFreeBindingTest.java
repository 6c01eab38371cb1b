package io.pipelinetasks.taskjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinetasks.taskjson.generated.FixtureInputs;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A task binds its inputs at start-up, so binding must not load Jackson: this runs the generated
 * record in a class loader that has the task-json classes but no Jackson at all.
 */
class JacksonFreeBindingTest {
  @Test
  void generatedInputsBindWithoutJacksonOnTheClassPath() throws Exception {
    try (URLClassLoader loader = withoutJackson()) {
      assertThatThrownBy(() -> loader.loadClass("com.fasterxml.jackson.databind.JsonNode"))
          .isInstanceOf(ClassNotFoundException.class);

      Class<?> record = loader.loadClass(FixtureInputs.class.getName());
      Class<?> sourceType = loader.loadClass(InputSource.class.getName());
      Object source =
          source(
              loader,
              sourceType,
              Map.of(
                  "connection", "c",
                  "mode", "scriptPath",
                  "scriptPath", "run.sh",
                  "app_location", "app",
                  "enableAdvanced", "true",
                  "logLevel", "DEBUG"));

      Object inputs = record.getMethod("bind", sourceType).invoke(null, source);

      assertThat(inputs.getClass().getClassLoader()).isSameAs(loader);
      assertThat(record.getMethod("logLevel").invoke(inputs)).asString().contains("DEBUG");
    }
  }

  @Test
  void inputFailuresAndVisibleRulesNeedNoJacksonEither() throws Exception {
    try (URLClassLoader loader = withoutJackson()) {
      Class<?> record = loader.loadClass(FixtureInputs.class.getName());
      Class<?> sourceType = loader.loadClass(InputSource.class.getName());
      Method bind = record.getMethod("bind", sourceType);

      assertThatThrownBy(() -> invoke(bind, source(loader, sourceType, Map.of())))
          .hasMessage("Input required: connection");

      Class<?> rule = loader.loadClass(VisibleRule.class.getName());
      Object parsed =
          rule.getMethod("parse", String.class).invoke(null, "(a = 1 || b = 2) && c != x");
      assertThat(rule.getMethod("usesParentheses").invoke(parsed)).isEqualTo(true);
    }
  }

  private static void invoke(Method bind, Object source) throws Throwable {
    try {
      bind.invoke(null, source);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static URLClassLoader withoutJackson() {
    return new URLClassLoader(
        new URL[] {location(InputBinder.class), location(FixtureInputs.class)},
        ClassLoader.getPlatformClassLoader());
  }

  private static Object source(ClassLoader loader, Class<?> type, Map<String, String> values) {
    return Proxy.newProxyInstance(
        loader,
        new Class<?>[] {type},
        (proxy, method, args) ->
            switch (method.getName()) {
              case "raw" -> Optional.ofNullable(values.get((String) args[0]));
              case "warning" -> null;
              case "toString" -> "source";
              case "hashCode" -> 0;
              case "equals" -> proxy == args[0];
              default -> throw new UnsupportedOperationException(method.getName());
            });
  }

  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
