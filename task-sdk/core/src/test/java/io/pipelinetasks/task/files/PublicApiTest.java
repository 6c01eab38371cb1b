package io.pipelinetasks.task.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PublicApiTest {
  private static final Set<Class<?>> PUBLIC =
      Set.of(TaskFiles.class, FindOptions.class, MatchOptions.class, FileException.class);

  @Test
  void publicSignaturesMentionOnlyPublicTypes() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : PUBLIC) {
      assertThat(Modifier.isPublic(type.getModifiers())).as(type.getName()).isTrue();
      for (Method method : type.getDeclaredMethods()) {
        if (!Modifier.isPublic(method.getModifiers())) {
          continue;
        }
        check(method.getGenericReturnType(), method, leaks);
        for (Type parameter : method.getGenericParameterTypes()) {
          check(parameter, method, leaks);
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void optionRecordsAndTheExceptionAreImmutable() {
    for (Class<?> type : List.of(FindOptions.class, MatchOptions.class, FileException.class)) {
      assertThat(Modifier.isFinal(type.getModifiers())).as(type.getName()).isTrue();
    }
    assertThat(MatchOptions.defaults().withDot(false)).isNotEqualTo(MatchOptions.defaults());
  }

  private static void check(Type type, Method method, List<String> leaks) {
    if (type instanceof ParameterizedType parameterized) {
      check(parameterized.getRawType(), method, leaks);
      for (Type argument : parameterized.getActualTypeArguments()) {
        check(argument, method, leaks);
      }
    } else if (type instanceof Class<?> c
        && !c.isPrimitive()
        && !Modifier.isPublic(c.getModifiers())) {
      leaks.add(method + " uses " + c.getName());
    }
  }
}
