package io.pipelinetasks.tasks.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFlattenerTest {

  @Test
  void anObjectLosesOnlyTheWhitespaceBetweenTokens() {
    String json =
        "{\r\n  \"a b\" : \"x  y\\n\\\"z\\u00e9\",\n\t\"n\": -12.50e+3,\n"
            + "  \"big\": 12345678901234567890,\n  \"l\": [ true, false, null, {}, [] ]\n}";

    assertThat(JsonFlattener.flatten(json))
        .hasValue(
            "{\"a b\":\"x  y\\n\\\"z\\u00e9\",\"n\":-12.50e+3,\"big\":12345678901234567890,"
                + "\"l\":[true,false,null,{},[]]}");
  }

  @Test
  void anArrayIsFlattenedToo() {
    assertThat(JsonFlattener.flatten("[\n 1,\n \"two\"\n]\n")).hasValue("[1,\"two\"]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-----BEGIN KEY-----\nabc\n-----END KEY-----",
        "\"just a string\"\n",
        "42\n",
        "null\n",
        "{\n\"a\": 1,\n}",
        "{\n// comment\n\"a\": 1\n}",
        "{\n'a': 1\n}",
        "[\nNaN\n]",
        "[\n01\n]",
        "[\n1.\n]",
        "{\n\"a\": \"line\nbreak\"\n}",
        "{\n\"a\": \"\\x\"\n}",
        "{\n\"a\": 1\n} trailing",
        "[1,\n2",
        "\uFEFF[\n1\n]"
      })
  void anythingThatJsonParseWouldRefuseIsNotJson(String value) {
    assertThat(JsonFlattener.flatten(value)).isEmpty();
  }

  @Test
  void deepNestingIsTreatedAsText() {
    assertThat(JsonFlattener.flatten("[".repeat(10_000) + "]".repeat(10_000))).isEmpty();
    assertThat(JsonFlattener.flatten("[".repeat(100) + "\n" + "]".repeat(100))).isPresent();
  }
}
