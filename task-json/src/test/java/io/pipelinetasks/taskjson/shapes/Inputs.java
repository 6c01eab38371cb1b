package io.pipelinetasks.taskjson.shapes;

import io.pipelinetasks.taskjson.InputSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An input source over name-value pairs, as YAML would give them. */
final class Inputs {
  private Inputs() {}

  static InputSource of(String... nameValuePairs) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      values.put(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return name -> Optional.ofNullable(values.get(name));
  }
}
