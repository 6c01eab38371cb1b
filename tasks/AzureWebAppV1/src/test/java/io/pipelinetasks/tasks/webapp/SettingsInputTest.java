package io.pipelinetasks.tasks.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinetasks.tasks.webapp.SettingsInput.Setting;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsInputTest {

  private static Map<String, String> values(String text) throws Exception {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    SettingsInput.parse(text).forEach((name, setting) -> values.put(name, setting.value()));
    return values;
  }

  @Test
  void pairsAreReadAsTheOfficialHelpTextWritesThem() throws Exception {
    assertThat(
            values("-Port 5000 -RequestTimeout 5000 -WEBSITE_TIME_ZONE \"Eastern Standard Time\""))
        .containsExactly(
            Map.entry("Port", "5000"),
            Map.entry("RequestTimeout", "5000"),
            Map.entry("WEBSITE_TIME_ZONE", "Eastern Standard Time"));
  }

  @Test
  void quotesBackticksAndBracketsGroupValuesWithSpaces() throws Exception {
    assertThat(
            values("-A 'single quoted' -B `back ticked` -C {\"json\": [1, 2]} -D (a b) -E [x y]"))
        .containsExactly(
            Map.entry("A", "single quoted"),
            Map.entry("B", "back ticked"),
            Map.entry("C", "{\"json\": [1, 2]}"),
            Map.entry("D", "(a b)"),
            Map.entry("E", "[x y]"));
  }

  @Test
  void aNameWithoutValueIsEmptyAndNegativeNumbersAreValues() throws Exception {
    assertThat(values("-Empty -Offset -5 -Other x\n-Next line"))
        .containsExactly(
            Map.entry("Empty", ""),
            Map.entry("Offset", "-5"),
            Map.entry("Other", "x"),
            Map.entry("Next", "line"));
  }

  @Test
  void theLastOfTwoSameNamesWins() throws Exception {
    assertThat(values("-A 1 -A 2")).containsExactly(Map.entry("A", "2"));
  }

  @Test
  void aJsonArrayCarriesSlotSettings() throws Exception {
    Map<String, Setting> settings =
        SettingsInput.parse(
            "[{\"name\":\"A\",\"value\":\"1\",\"slotSetting\":true},"
                + "{\"name\":\"B\",\"value\":2,\"slotSetting\":false},{\"name\":\"C\",\"value\":null}]");
    assertThat(settings)
        .containsExactly(
            Map.entry("A", new Setting("1", Optional.of(true))),
            Map.entry("B", new Setting("2", Optional.of(false))),
            Map.entry("C", new Setting("", Optional.empty())));
  }

  @Test
  void aJsonObjectMapsNamesToValues() throws Exception {
    assertThat(values("{\"A\":\"x\",\"B\":true}"))
        .containsExactly(Map.entry("A", "x"), Map.entry("B", "true"));
  }

  @Test
  void blankInputHasNoSettings() throws Exception {
    assertThat(SettingsInput.parse("  \n ")).isEmpty();
  }

  @Test
  void errorsNameTheProblemButNeverAValue() {
    assertThatThrownBy(() -> SettingsInput.parse("-A \"unclosed s3cret"))
        .hasMessageContaining("quote is not closed")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> SettingsInput.parse("value-without-name s3cret"))
        .hasMessageContaining("not preceded by a -Name")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> SettingsInput.parse("[{\"name\":\"A\",\"value\":\"s3cret\"}"))
        .hasMessageContaining("not valid JSON")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> SettingsInput.parse("[{\"value\":\"s3cret\"}]"))
        .hasMessageContaining("no \"name\"")
        .hasMessageNotContaining("s3cret");
  }
}
