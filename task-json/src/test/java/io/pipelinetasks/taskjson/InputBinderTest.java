package io.pipelinetasks.taskjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InputBinderTest {
  private final List<String> warnings = new ArrayList<>();

  private InputSource source(Map<String, String> values) {
    return new InputSource() {
      @Override
      public Optional<String> raw(String name) {
        return Optional.ofNullable(values.get(name));
      }

      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
  }

  private static InputSpec spec(
      String name, String type, String defaultValue, boolean required, String visibleRule) {
    return new InputSpec(
        name, type, List.of(), defaultValue, required, visibleRule, "", List.of(), false, false);
  }

  @Test
  void valuesAreTrimmedLikeTheNodeLibraryDoes() {
    BoundInputs in =
        InputBinder.bind(
            List.of(spec("who", "string", "", false, "")), source(Map.of("who", "  x  ")));

    assertThat(in.text("who")).contains("x");
  }

  @Test
  void anEmptyValueTakesTheDefault() {
    BoundInputs in =
        InputBinder.bind(List.of(spec("n", "int", "4", false, "")), source(Map.of("n", "")));

    assertThat(in.integer("n")).hasValue(4);
  }

  @Test
  void aRequiredInputHiddenByAnotherInputsDefaultIsNotRequired() {
    List<InputSpec> specs =
        List.of(
            spec("location", "string", "path", true, ""),
            spec("script", "multiLine", "", true, "location = inline"));

    BoundInputs in = InputBinder.bind(specs, source(Map.of()));

    assertThat(in.isVisible("script")).isFalse();
    assertThat(in.text("script")).isEmpty();
  }

  @Test
  void booleansTakePartInRulesAsTrueOrFalse() {
    List<InputSpec> specs =
        List.of(
            spec("advanced", "boolean", "", false, ""),
            spec("level", "string", "", true, "advanced = false"));

    InputException e =
        catchThrowableOfType(InputException.class, () -> InputBinder.bind(specs, source(Map.of())));

    assertThat(e.getMessage()).isEqualTo("Input required: level");
    assertThat(e.hint())
        .isEqualTo(
            "Set input 'level' in the step's inputs (YAML 'inputs:' or the classic editor). It is"
                + " required because its visibleRule holds: (advanced = false).");
  }

  @Test
  void anUnparseableRuleCountsAsVisibleWithAWarning() {
    List<InputSpec> specs = List.of(spec("x", "string", "", true, "x ~ y"));

    assertThatThrownBy(() -> InputBinder.bind(specs, source(Map.of())))
        .hasMessage("Input required: x");
    assertThat(warnings).singleElement().asString().contains("does not parse");
  }

  @Test
  void aConnectedServiceMayListSeveralEndpoints() {
    BoundInputs in =
        InputBinder.bind(
            List.of(spec("feeds", "connectedService:externalnpmregistry", "", false, "")),
            source(Map.of("feeds", "a,b")));

    assertThat(in.endpoint("feeds")).contains(new EndpointRef("a"));
    assertThat(in.endpoints("feeds")).containsExactly(new EndpointRef("a"), new EndpointRef("b"));
  }

  @Test
  void aMultiSelectPickListStaysText() {
    InputSpec spec =
        new InputSpec(
            "tags", "pickList", List.of(), "", false, "", "", List.of("a", "b"), false, true);

    assertThat(spec.kind()).isEqualTo(InputKind.STRING);
    assertThat(InputBinder.bind(List.of(spec), source(Map.of("tags", "a,b"))).text("tags"))
        .contains("a,b");
  }

  @Test
  void typesAreMatchedIgnoringCaseAsTheUiDoes() {
    assertThat(InputSpec.of("x", "PickList").kind()).isEqualTo(InputKind.STRING);
    assertThat(
            new InputSpec("x", "picklist", List.of(), "", false, "", "", List.of("a"), false, false)
                .kind())
        .isEqualTo(InputKind.OPTION);
    assertThat(InputSpec.of("x", "connectedService:AzureRM").kind())
        .isEqualTo(InputKind.CONNECTED_SERVICE);
    assertThat(InputSpec.of("x", "githubRepositoryPicker").kind()).isEqualTo(InputKind.STRING);
  }

  @Test
  void askingForTheWrongKindIsAProgrammingError() {
    BoundInputs in = InputBinder.bind(List.of(InputSpec.of("x", "string")), source(Map.of()));

    assertThatThrownBy(() -> in.bool("x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> in.text("y")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesAreMatchedIgnoringCaseLikeInputEnvironmentVariables() {
    BoundInputs in =
        InputBinder.bind(List.of(InputSpec.of("Who", "string")), source(Map.of("Who", "me")));

    assertThat(in.text("WHO")).contains("me");
    assertThat(in).hasToString("BoundInputs[Who]");
  }

  @Test
  void specsFromAManifestCarryTheGroupRule() {
    TaskDefinition task =
        TaskJson.parseTask(
            TaskJsonValidatorTest.resource("shapes/AzureWebAppV1/task.json"), "task.json");

    InputSpec method = task.inputSpecs().get(13);

    assertThat(method.name()).isEqualTo("deploymentMethod");
    assertThat(method.groupVisibleRule())
        .isEqualTo("appType != webAppLinux && package NotEndsWith .war");
    assertThat(method.alwaysHasValue()).isTrue();
  }
}
