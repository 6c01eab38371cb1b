package io.pipelinetasks.taskjson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.taskjson.Problem.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskJsonValidatorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String VALID = resource("validator/valid-task.json");

  /** What a test expects of one problem; the hint only has to be there. */
  record Expected(Severity severity, String pointer, String code, String message) {
    static Expected of(Problem p) {
      return new Expected(p.severity(), p.pointer(), p.code(), p.message());
    }
  }

  static Expected error(String pointer, String code, String message) {
    return new Expected(Severity.ERROR, pointer, code, message);
  }

  static Expected warning(String pointer, String code, String message) {
    return new Expected(Severity.WARNING, pointer, code, message);
  }

  /** Sets the member at a pointer to some JSON; the parent must exist. */
  static Consumer<ObjectNode> set(String pointer, String json) {
    return root -> {
      JsonPointer p = JsonPointer.compile(pointer);
      JsonNode parent = root.at(p.head());
      JsonNode value = parse(json);
      if (parent instanceof ArrayNode array) {
        array.set(Integer.parseInt(p.last().getMatchingProperty()), value);
      } else {
        ((ObjectNode) parent).set(p.last().getMatchingProperty(), value);
      }
    };
  }

  static Consumer<ObjectNode> remove(String pointer) {
    return root -> {
      JsonPointer p = JsonPointer.compile(pointer);
      ((ObjectNode) root.at(p.head())).remove(p.last().getMatchingProperty());
    };
  }

  static Arguments invalid(String description, Consumer<ObjectNode> change, Expected... expected) {
    return Arguments.of(description, change, List.of(expected));
  }

  static Stream<Arguments> invalidTaskJson() {
    return Stream.of(
        invalid("no id", remove("/id"), error("/id", "IdMissing", "the task has no id")),
        invalid(
            "id not a GUID",
            set("/id", "\"not-a-guid\""),
            error("/id", "IdInvalid", "id \"not-a-guid\" is not a GUID")),
        invalid("id a number", set("/id", "42"), error("/id", "IdInvalid", "id 42 is not a GUID")),
        invalid("no name", remove("/name"), error("/name", "NameMissing", "the task has no name")),
        invalid(
            "name with a space",
            set("/name", "\"Hello Java\""),
            error("/name", "NameInvalid", "name \"Hello Java\" does not match ^[A-Za-z0-9\\-]+$")),
        invalid(
            "no version",
            remove("/version"),
            error("/version", "VersionMissing", "the task has no version")),
        invalid(
            "version a string",
            set("/version", "\"1.0.0\""),
            error("/version", "WrongType", "version must be an object, not a string")),
        invalid(
            "version without Minor",
            remove("/version/Minor"),
            error("/version/Minor", "VersionPartMissing", "version has no Minor")),
        invalid(
            "negative Patch",
            set("/version/Patch", "-1"),
            error(
                "/version/Patch",
                "VersionPartInvalid",
                "version Patch must be a whole number of at least 0, not -1")),
        invalid(
            "Major a word",
            set("/version/Major", "\"one\""),
            error(
                "/version/Major",
                "VersionPartInvalid",
                "version Major must be a whole number of at least 0, not \"one\"")),
        invalid(
            "inputs an object",
            set("/inputs", "{}"),
            error("/inputs", "WrongType", "inputs must be an array, not an object"),
            warning(
                "/instanceNameFormat",
                "InstanceNameFormatUnknownInput",
                "instanceNameFormat uses $(who), which is not an input")),
        invalid(
            "input not an object",
            set("/inputs/3", "\"verbose\""),
            error("/inputs/3", "InputNotObject", "input 3 is a string, not an object")),
        invalid(
            "input without name",
            remove("/inputs/3/name"),
            error("/inputs/3/name", "InputNameMissing", "input 3 has no name")),
        invalid(
            "input names equal ignoring case",
            set("/inputs/3/name", "\"WHO\""),
            error(
                "/inputs/3/name",
                "InputNameDuplicate",
                "input name \"WHO\" is also used by /inputs/0; names are compared ignoring case"
                    + " because the agent passes INPUT_WHO")),
        invalid(
            "input without type",
            remove("/inputs/3/type"),
            error("/inputs/3/type", "InputTypeMissing", "the input has no type")),
        invalid(
            "input type not a string",
            set("/inputs/3/type", "true"),
            error("/inputs/3/type", "WrongType", "type must be a string, not a boolean")),
        invalid(
            "input without label",
            remove("/inputs/3/label"),
            error("/inputs/3/label", "InputLabelMissing", "input \"verbose\" has no label")),
        invalid(
            "required neither true nor false",
            set("/inputs/3/required", "\"yes\""),
            error(
                "/inputs/3/required", "WrongType", "required must be true or false, not \"yes\"")),
        invalid(
            "defaultValue an object",
            set("/inputs/3/defaultValue", "{}"),
            error(
                "/inputs/3/defaultValue",
                "WrongType",
                "defaultValue must be a string or a boolean, not an object")),
        invalid(
            "alias equal to another input's name",
            set("/inputs/3/aliases", "[\"Who\"]"),
            error(
                "/inputs/3/aliases/0",
                "InputAliasConflict",
                "alias \"Who\" is already the name or an alias of /inputs/0")),
        invalid(
            "visibleRule without operator",
            set("/inputs/2/visibleRule", "\"mode loud\""),
            error(
                "/inputs/2/visibleRule",
                "VisibleRuleSyntax",
                "visibleRule \"mode loud\": expected an operator after 'mode' (=, ==, !=, <, >, <=,"
                    + " >=, EndsWith, NotEndsWith, Contains, NotContains, StartsWith,"
                    + " NotStartsWith) at position 6")),
        invalid(
            "visibleRule with an unclosed parenthesis",
            set("/inputs/2/visibleRule", "\"(mode = loud\""),
            error(
                "/inputs/2/visibleRule",
                "VisibleRuleSyntax",
                "visibleRule \"(mode = loud\": a '(' without a matching ')' at position 1")),
        invalid(
            "group visibleRule ending in &&",
            set("/groups/0/visibleRule", "\"mode = loud &&\""),
            error(
                "/groups/0/visibleRule",
                "VisibleRuleSyntax",
                "visibleRule \"mode = loud &&\": a clause is missing at the end; expected an input"
                    + " name at position 15")),
        invalid(
            "execution a string",
            set("/execution", "\"launcher.js\""),
            error(
                "/execution",
                "WrongType",
                "execution must be an object of handlers, not a string")),
        invalid(
            "handler a string",
            set("/execution/Node24", "\"launcher.js\""),
            error(
                "/execution/Node24",
                "HandlerNotObject",
                "handler Node24 must be an object, not a string")),
        invalid(
            "handler without target",
            remove("/execution/Node24/target"),
            error(
                "/execution/Node24/target",
                "HandlerTargetMissing",
                "handler Node24 has no target")),
        invalid(
            "handler with an empty target",
            set("/execution/Node20_1/target", "\"  \""),
            error(
                "/execution/Node20_1/target",
                "HandlerTargetMissing",
                "handler Node20_1 has no target")),
        invalid(
            "handler target a number",
            set("/execution/Node24/target", "5"),
            error(
                "/execution/Node24/target", "WrongType", "target must be a string, not a number")),
        invalid(
            "pre-job handler without target",
            set("/prejobexecution", "{\"Node20_1\": {}}"),
            error(
                "/prejobexecution/Node20_1/target",
                "HandlerTargetMissing",
                "handler Node20_1 has no target")),
        invalid(
            "messages an array",
            set("/messages", "[]"),
            error(
                "/messages",
                "WrongType",
                "messages must be an object of key to text, not an array")),
        invalid(
            "message key with a space",
            set("/messages/bad key", "\"x\""),
            error(
                "/messages/bad key",
                "MessageKeyInvalid",
                "message key \"bad key\" is not letters, digits, '_', '.' or '-'")),
        invalid(
            "message not a string",
            set("/messages/Hello", "5"),
            error(
                "/messages/Hello",
                "MessageNotString",
                "message \"Hello\" is a number, not a string")),
        invalid(
            "output variables an object",
            set("/outputVariables", "{}"),
            error(
                "/outputVariables",
                "WrongType",
                "outputVariables must be an array, not an object")),
        invalid(
            "output variable without name",
            set("/outputVariables/0", "{\"description\": \"x\"}"),
            error(
                "/outputVariables/0/name",
                "OutputVariableNameMissing",
                "output variable 0 has no name")),
        invalid(
            "command mode unknown",
            set("/restrictions/commands/mode", "\"none\""),
            error(
                "/restrictions/commands/mode",
                "RestrictionModeInvalid",
                "restrictions.commands.mode must be \"any\" or \"restricted\"")),
        invalid(
            "settable variables a string",
            set("/restrictions/settableVariables/allowed", "\"Greeting\""),
            error(
                "/restrictions/settableVariables/allowed",
                "WrongType",
                "restrictions.settableVariables.allowed must be an array of strings")),
        invalid(
            "description an object",
            set("/description", "{}"),
            error("/description", "WrongType", "description must be a string, not an object")),
        invalid(
            "friendlyName an array",
            set("/friendlyName", "[]"),
            error("/friendlyName", "WrongType", "friendlyName must be a string, not an array")));
  }

  static Stream<Arguments> acceptedButReported() {
    return Stream.of(
        invalid(
            "friendlyName over 40 characters",
            set("/friendlyName", "\"" + "x".repeat(41) + "\""),
            warning(
                "/friendlyName",
                "FriendlyNameTooLong",
                "friendlyName has 41 characters; the schema allows 40")),
        invalid(
            "no friendlyName",
            remove("/friendlyName"),
            warning("/friendlyName", "FriendlyNameMissing", "the task has no friendlyName")),
        invalid(
            "unknown top-level member",
            set("/satisfies", "[\"Node\"]"),
            warning(
                "/satisfies",
                "UnknownMember",
                "\"satisfies\" is not a member of the task.json schema")),
        invalid(
            "old spelling of outputVariables",
            set("/OutputVariables", "[]"),
            warning(
                "/OutputVariables",
                "UnknownMember",
                "\"OutputVariables\" is not a member of the task.json schema")),
        invalid(
            "groupname in lower case",
            set("/inputs/3/groupname", "\"advanced\""),
            warning(
                "/inputs/3/groupname",
                "UnknownMember",
                "\"groupname\" is not a member of an input")),
        invalid(
            "input name with an underscore",
            set("/inputs/3/name", "\"be_verbose\""),
            warning(
                "/inputs/3/name",
                "InputNameNotInSchema",
                "input name \"be_verbose\" does not match the schema's ^[A-Za-z][A-Za-z0-9]*$")),
        invalid(
            "output variable name with underscores",
            set("/outputVariables/0/name", "\"GREETING_TEXT\""),
            warning(
                "/outputVariables/0/name",
                "OutputVariableNameNotInSchema",
                "output variable name \"GREETING_TEXT\" does not match the schema's"
                    + " ^[A-Za-z][A-Za-z0-9]*$")),
        invalid(
            "input type the schema does not list",
            set("/inputs/0/type", "\"githubRepositoryPicker\""),
            warning(
                "/inputs/0/type",
                "InputTypeUnknown",
                "type \"githubRepositoryPicker\" is not one the schema lists")),
        invalid(
            "input type in lower case",
            set("/inputs/1/type", "\"picklist\""),
            warning(
                "/inputs/1/type",
                "InputTypeCase",
                "type \"picklist\" is written in another case than the schema's")),
        invalid(
            "pick-list default outside the options",
            set("/inputs/1/defaultValue", "\"shout\""),
            warning(
                "/inputs/1/defaultValue",
                "DefaultValueNotAnOption",
                "defaultValue \"shout\" is not one of the options (plain, loud)")),
        invalid(
            "pick-list default outside editable options",
            change(
                set("/inputs/1/defaultValue", "\"shout\""),
                set("/inputs/1/properties", "{\"EditableOptions\": \"True\"}"))),
        invalid(
            "groupName of no group",
            set("/inputs/3/groupName", "\"missing\""),
            warning(
                "/inputs/3/groupName",
                "GroupNotDefined",
                "groupName \"missing\" is not the name of a group")),
        invalid(
            "visibleRule with parentheses",
            set("/inputs/2/visibleRule", "\"(mode = loud || verbose = true) && who != \\\"\\\"\""),
            warning(
                "/inputs/2/visibleRule",
                "VisibleRuleParentheses",
                "visibleRule \"(mode = loud || verbose = true) && who != \\\"\\\"\" uses parentheses,"
                    + " which the web UI does not support")),
        invalid(
            "visibleRule mixing && and ||",
            set("/inputs/2/visibleRule", "\"mode = loud || who = x && verbose = true\""),
            warning(
                "/inputs/2/visibleRule",
                "VisibleRuleMixedOperators",
                "visibleRule \"mode = loud || who = x && verbose = true\" mixes && and ||, which the"
                    + " web UI does not support")),
        invalid(
            "visibleRule with Contains",
            set("/inputs/2/visibleRule", "\"mode Contains lo\""),
            warning(
                "/inputs/2/visibleRule",
                "VisibleRuleUnconfirmedOperator",
                "visibleRule uses Contains, which the web UI may not support")),
        invalid(
            "visibleRule naming no input",
            set("/inputs/2/visibleRule", "\"nobody = x\""),
            warning(
                "/inputs/2/visibleRule",
                "VisibleRuleUnknownInput",
                "visibleRule refers to \"nobody\", which is not an input")),
        invalid(
            "instanceNameFormat naming no input",
            set("/instanceNameFormat", "\"Hi $(nobody) in $(Build.BuildNumber)\""),
            warning(
                "/instanceNameFormat",
                "InstanceNameFormatUnknownInput",
                "instanceNameFormat uses $(nobody), which is not an input")),
        invalid(
            "Node20 handler",
            set("/execution/Node20", "{\"target\": \"launcher.js\"}"),
            warning(
                "/execution/Node20",
                "UnknownHandler",
                "handler Node20 is not one the agent or the server knows")),
        invalid(
            "only end-of-life handlers",
            set("/execution", "{\"Node10\": {\"target\": \"launcher.js\"}}"),
            warning(
                "/execution",
                "HandlerEndOfLife",
                "the task only has end-of-life Node handlers (Node10)")),
        invalid(
            "no execution at all",
            remove("/execution"),
            warning(
                "/execution",
                "NoExecution",
                "the task has no execution, prejobexecution or postjobexecution")),
        invalid(
            "required written as a string",
            set("/inputs/3/required", "\"true\""),
            warning(
                "/inputs/3/required",
                "WrongType",
                "required is the string \"true\"; the schema wants a boolean")),
        invalid(
            "preview written as a string",
            set("/preview", "\"true\""),
            warning("/preview", "WrongType", "preview should be true or false, not \"true\"")),
        invalid(
            "defaultValue a number",
            set("/inputs/2/defaultValue", "3"),
            warning(
                "/inputs/2/defaultValue",
                "WrongType",
                "defaultValue is a number; the schema wants a string or a boolean")),
        invalid(
            "unknown category",
            set("/category", "\"Misc\""),
            warning(
                "/category", "UnknownCategory", "category \"Misc\" is not one the schema lists")),
        invalid(
            "minimumAgentVersion not a version",
            set("/minimumAgentVersion", "\"latest\""),
            warning(
                "/minimumAgentVersion",
                "MinimumAgentVersionInvalid",
                "minimumAgentVersion \"latest\" does not match ^\\d+\\.\\d+(\\.\\d+)?$")),
        invalid(
            "rows not digits",
            set("/inputs/0/properties", "{\"rows\": \"ten\"}"),
            warning(
                "/inputs/0/properties/rows",
                "PropertyNotDigits",
                "properties.rows \"ten\" is not a string of digits")),
        invalid(
            "Major as a digit string",
            set("/version/Major", "\"1\""),
            warning(
                "/version/Major",
                "VersionPartNotNumber",
                "version Major is the string \"1\"; the schema wants a number")));
  }

  @SafeVarargs
  static Consumer<ObjectNode> change(Consumer<ObjectNode>... changes) {
    List<Consumer<ObjectNode>> all = new java.util.ArrayList<>();
    for (Consumer<ObjectNode> c : changes) {
      all.add(c);
    }
    return root -> all.forEach(c -> c.accept(root));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTaskJson")
  void anInvalidTaskJsonIsReportedWithTheExactErrorAndPointer(
      String description, Consumer<ObjectNode> change, List<Expected> expected) {
    List<Problem> problems = validate(change);

    assertThat(problems).extracting(Expected::of).containsExactlyElementsOf(expected);
    assertThat(problems).allSatisfy(p -> assertThat(p.hint()).isNotBlank());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedButReported")
  void whatTheServiceAcceptsIsOnlyAWarning(
      String description, Consumer<ObjectNode> change, List<Expected> expected) {
    List<Problem> problems = validate(change);

    assertThat(problems).extracting(Expected::of).containsExactlyElementsOf(expected);
    assertThat(problems).noneMatch(Problem::isError);
    assertThat(problems).allSatisfy(p -> assertThat(p.hint()).isNotBlank());
  }

  @Test
  void theValidFixtureHasNoProblems() {
    assertThat(TaskJsonValidator.validate(VALID, "task.json").problems()).isEmpty();
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    List<Problem> problems =
        validate(
            change(
                remove("/id"),
                set("/name", "\"a b\""),
                remove("/inputs/3/type"),
                remove("/execution/Node24/target")));

    assertThat(problems)
        .extracting(Problem::code)
        .containsExactly("IdMissing", "NameInvalid", "InputTypeMissing", "HandlerTargetMissing");
  }

  @Test
  void invalidJsonIsReportedWithLineAndColumn() {
    ValidationReport report =
        TaskJsonValidator.validate("{\n  \"id\": \"x\",\n  \"name\" \"y\"\n}\n", "bad.json");

    assertThat(report.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo("JsonSyntax");
              assertThat(p.isError()).isTrue();
              assertThat(p.pointer()).isEmpty();
              assertThat(p.message()).startsWith("invalid JSON at line 3, column 10: ");
              assertThat(p.toString())
                  .startsWith("bad.json: error JsonSyntax invalid JSON at line 3");
            });
  }

  @Test
  void aTopLevelArrayIsReported() {
    ValidationReport report = TaskJsonValidator.validate("[]", "task.json");

    assertThat(report.errors())
        .extracting(Problem::code, Problem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "NotAnObject", "the top level is a JSON array, not an object"));
  }

  @Test
  void aMissingFileIsReportedNotThrown(@TempDir Path dir) {
    ValidationReport report = TaskJsonValidator.validate(dir.resolve("task.json"));

    assertThat(report.errors()).extracting(Problem::code).containsExactly("FileUnreadable");
  }

  @Test
  void aByteOrderMarkIsIgnored(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("task.json");
    Files.writeString(file, "\uFEFF" + VALID, StandardCharsets.UTF_8);

    assertThat(TaskJsonValidator.validate(file).problems()).isEmpty();
  }

  @Test
  void aDuplicateMemberIsAWarning() {
    String text =
        VALID.replace("\"author\": \"pipelinetasks\",", "\"author\": \"a\", \"author\": \"b\",");

    assertThat(TaskJsonValidator.validate(text, "task.json").problems())
        .extracting(Problem::severity, Problem::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Severity.WARNING, "DuplicateMember"));
  }

  @Test
  void serverHandlersNeedNoTarget() {
    List<Problem> problems =
        validate(set("/execution", "{\"HttpRequest\": {\"Execute\": {\"EndpointId\": \"x\"}}}"));

    assertThat(problems).isEmpty();
  }

  @Test
  void aProblemPrintsOnOneLineAsCompilersDo() {
    Problem problem = validate(remove("/inputs/3/type")).get(0);

    assertThat(problem.toString())
        .isEqualTo(
            "task.json:/inputs/3/type: error InputTypeMissing the input has no type (Add a type"
                + " such as \"string\", \"boolean\", \"pickList\" or \"connectedService:AzureRM\")");
  }

  private static List<Problem> validate(Consumer<ObjectNode> change) {
    ObjectNode root = (ObjectNode) parse(VALID);
    change.accept(root);
    return TaskJsonValidator.validate(root.toString(), "task.json").problems();
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = TaskJsonValidatorTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
