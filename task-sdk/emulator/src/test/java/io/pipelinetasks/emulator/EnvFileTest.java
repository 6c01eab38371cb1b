package io.pipelinetasks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileTest {
  @Test
  void valuesWithNewlinesQuotesAndSpacesSurviveARoundTrip() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("PEM", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    variables.put("ENDPOINT_AUTH_x", "{\"parameters\":{\"a\":\"b\\\\c\"},\"scheme\":\"OAuth\"}");
    variables.put("SPACES", "  padded  ");
    variables.put("EMPTY", "");
    variables.put("UNICODE", "ünïcødé €");

    String text = EnvFile.format(variables);

    assertThat(text.lines().filter(l -> !l.startsWith("#"))).hasSize(5);
    assertThat(text)
        .contains("PEM=\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n\"");
    assertThat(EnvFile.parse(text)).containsExactlyEntriesOf(variables);
  }

  @Test
  void unquotedValuesAreTakenVerbatimAndBadLinesAreReported() {
    assertThat(EnvFile.parse("# comment\n\nA=plain value\nB=\"quoted\"\n"))
        .containsExactly(Map.entry("A", "plain value"), Map.entry("B", "quoted"));
    assertThatThrownBy(() -> EnvFile.parse("NOVALUE\n")).hasMessageContaining("Line 1");
    assertThatThrownBy(() -> EnvFile.parse("A=\"unterminated\n")).hasMessageContaining("Line 1");
    assertThatThrownBy(() -> EnvFile.format(Map.of("BAD=NAME", "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
