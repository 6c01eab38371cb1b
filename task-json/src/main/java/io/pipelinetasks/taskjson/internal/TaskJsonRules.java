package io.pipelinetasks.taskjson.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetasks.taskjson.Problem;
import io.pipelinetasks.taskjson.VisibleRule;
import io.pipelinetasks.taskjson.VisibleRuleException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The task.json checks. Severity follows one rule: an error when the agent (which deserializes
 * task.json with Newtonsoft.Json), the service or input binding would fail; a warning for anything
 * they accept, because the 224 official manifests ship plenty of it.
 */
public final class TaskJsonRules {
  private static final Pattern GUID =
      Pattern.compile(
          "^[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$");
  private static final Pattern TASK_NAME = Pattern.compile("^[A-Za-z0-9\\-]+$");
  private static final Pattern SCHEMA_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9]*$");
  private static final Pattern MESSAGE_KEY = Pattern.compile("^[A-Za-z0-9_.\\-]+$");
  private static final Pattern AGENT_VERSION = Pattern.compile("^\\d+\\.\\d+(\\.\\d+)?$");
  private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
  private static final Pattern DIGITS = Pattern.compile("^\\d+$");
  private static final Pattern MACRO = Pattern.compile("\\$\\(([^)]*)\\)");

  private static final List<String> TOP_LEVEL =
      List.of(
          "$schema",
          "id",
          "name",
          "friendlyName",
          "description",
          "helpUrl",
          "helpMarkDown",
          "author",
          "preview",
          "runsOn",
          "visibility",
          "category",
          "groups",
          "demands",
          "minimumAgentVersion",
          "version",
          "instanceNameFormat",
          "releaseNotes",
          "showEnvironmentVariables",
          "deprecated",
          "deprecationMessage",
          "removalDate",
          "inputs",
          "dataSourceBindings",
          "sourceDefinitions",
          "prejobexecution",
          "execution",
          "postjobexecution",
          "messages",
          "outputVariables",
          "restrictions");
  // Outside the schema but documented: the server and the UI evaluate it.
  private static final List<String> INPUT_MEMBERS =
      List.of(
          "name",
          "aliases",
          "label",
          "type",
          "defaultValue",
          "required",
          "helpMarkDown",
          "groupName",
          "visibleRule",
          "properties",
          "options",
          "validation");
  private static final List<String> GROUP_MEMBERS =
      List.of("name", "displayName", "isExpanded", "visibleRule");
  private static final List<String> OUTPUT_MEMBERS = List.of("name", "description");
  private static final List<String> INPUT_TYPES =
      List.of(
          "boolean",
          "filePath",
          "multiLine",
          "pickList",
          "radio",
          "secureFile",
          "string",
          "int",
          "identities",
          "querycontrol");
  // "Tool" is not in the schema's list, but 20 in-box tasks use it and the editor shows it.
  private static final Set<String> CATEGORIES =
      Set.of(
          "Build",
          "Utility",
          "Test",
          "Package",
          "Deploy",
          "Tool",
          "Azure Repos",
          "Azure Boards",
          "Azure Pipelines",
          "Azure Test Plans",
          "Azure Artifacts");
  private static final Set<String> RUNS_ON =
      Set.of("Agent", "MachineGroup", "Server", "ServerGate", "DeploymentGroup");
  private static final Set<String> VISIBILITY = Set.of("Build", "Release");
  // Handlers that run a file on the agent, so need a target.
  private static final Set<String> AGENT_HANDLERS =
      Set.of(
          "Node",
          "Node6",
          "Node10",
          "Node16",
          "Node20_1",
          "Node24",
          "PowerShell",
          "PowerShell3",
          "PowerShellExe",
          "AzurePowerShell",
          "Process",
          "AgentPlugin");
  private static final Set<String> SERVER_HANDLERS =
      Set.of(
          "HttpRequest",
          "HttpRequestChain",
          "ServiceBus",
          "Delay",
          "ManualValidation",
          "ManualValidationV1",
          "RM:ManualIntervention");
  private static final Set<String> END_OF_LIFE = Set.of("Node", "Node6", "Node10", "Node16");

  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> inputNames = new HashSet<>();
  private final Set<String> groupNames = new HashSet<>();

  private TaskJsonRules(String file) {
    this.file = file;
  }

  /**
   * Checks a parsed task.json.
   *
   * @param root the top-level object
   * @param text the text it was parsed from, for duplicate-member detection
   * @param file the name reported in each problem
   */
  public static List<Problem> check(JsonNode root, String text, String file) {
    TaskJsonRules rules = new TaskJsonRules(file);
    rules.checkAll(root, text);
    return List.copyOf(rules.problems);
  }

  private void checkAll(JsonNode root, String text) {
    Json.firstDuplicateKey(text)
        .ifPresent(
            d ->
                warning(
                    "",
                    "DuplicateMember",
                    "a member name appears twice in one object: " + d,
                    "Remove one of them; JSON readers silently keep only the last"));
    unknownMembers(root, "", TOP_LEVEL, "the task.json schema");
    collectNames(root);

    id(root.get("id"));
    name(root.get("name"));
    friendlyName(root.get("friendlyName"));
    for (String key : List.of("description", "helpMarkDown", "helpUrl", "author")) {
      text(root.get(key), "/" + key, true);
    }
    for (String key : List.of("$schema", "releaseNotes", "deprecationMessage")) {
      text(root.get(key), "/" + pointerToken(key), false);
    }
    for (String key : List.of("preview", "deprecated", "showEnvironmentVariables")) {
      bool(root.get(key), "/" + key);
    }
    category(root.get("category"));
    enumList(root.get("runsOn"), "/runsOn", RUNS_ON, "UnknownRunsOn");
    enumList(root.get("visibility"), "/visibility", VISIBILITY, "UnknownVisibility");
    pattern(
        root.get("minimumAgentVersion"),
        "/minimumAgentVersion",
        AGENT_VERSION,
        "MinimumAgentVersionInvalid",
        "Write major.minor or major.minor.patch, for example 4.248.0 (the first agent with"
            + " Node20_1)");
    pattern(
        root.get("removalDate"),
        "/removalDate",
        DATE,
        "RemovalDateInvalid",
        "Write the date as yyyy-MM-dd");
    stringList(root.get("demands"), "/demands");
    version(root.get("version"));
    groups(root.get("groups"));
    inputs(root.get("inputs"));
    instanceNameFormat(root.get("instanceNameFormat"));
    outputVariables(root.get("outputVariables"));
    executions(root);
    messages(root.get("messages"));
    restrictions(root.get("restrictions"));
    dataSourceBindings(root.get("dataSourceBindings"));
  }

  private void collectNames(JsonNode root) {
    JsonNode inputs = root.get("inputs");
    if (inputs != null && inputs.isArray()) {
      for (JsonNode input : inputs) {
        JsonNode name = input.get("name");
        if (name != null && name.isTextual()) {
          inputNames.add(lower(name.textValue()));
        }
      }
    }
    JsonNode groups = root.get("groups");
    if (groups != null && groups.isArray()) {
      for (JsonNode group : groups) {
        JsonNode name = group.get("name");
        if (name != null && name.isTextual()) {
          groupNames.add(name.textValue());
        }
      }
    }
  }

  // ---------------------------------------------------------------- top level

  private void id(JsonNode id) {
    String hint =
        "Use a new GUID (for example from uuidgen) and never change it: it identifies the task"
            + " across versions";
    if (id == null) {
      error("/id", "IdMissing", "the task has no id", hint);
    } else if (!id.isTextual() || !GUID.matcher(id.textValue()).matches()) {
      error("/id", "IdInvalid", "id " + id + " is not a GUID", hint);
    }
  }

  private void name(JsonNode name) {
    String hint = "It is the name YAML uses (name@major): keep to letters, digits and '-'";
    if (name == null) {
      error("/name", "NameMissing", "the task has no name", hint);
    } else if (!name.isTextual() || !TASK_NAME.matcher(name.textValue()).matches()) {
      error("/name", "NameInvalid", "name " + name + " does not match ^[A-Za-z0-9\\-]+$", hint);
    }
  }

  private void friendlyName(JsonNode friendlyName) {
    if (friendlyName == null) {
      warning(
          "/friendlyName",
          "FriendlyNameMissing",
          "the task has no friendlyName",
          "Add the display name shown in the task catalog, at most 40 characters");
      return;
    }
    if (text(friendlyName, "/friendlyName", true)
        && friendlyName.textValue().codePointCount(0, friendlyName.textValue().length()) > 40) {
      warning(
          "/friendlyName",
          "FriendlyNameTooLong",
          "friendlyName has "
              + friendlyName.textValue().length()
              + " characters; the schema allows 40",
          "Shorten it; the catalog cuts long names");
    }
  }

  private void category(JsonNode category) {
    if (text(category, "/category", false) && !CATEGORIES.contains(category.textValue())) {
      warning(
          "/category",
          "UnknownCategory",
          "category " + category + " is not one the schema lists",
          "Use one of Build, Utility, Test, Package, Deploy, Tool, Azure Repos, Azure Boards,"
              + " Azure Pipelines, Azure Test Plans, Azure Artifacts");
    }
  }

  private void version(JsonNode version) {
    String hint = "Write \"version\": { \"Major\": 1, \"Minor\": 0, \"Patch\": 0 }";
    if (version == null) {
      error("/version", "VersionMissing", "the task has no version", hint);
      return;
    }
    if (!version.isObject()) {
      error("/version", "WrongType", "version must be an object, not " + typeOf(version), hint);
      return;
    }
    for (String part : List.of("Major", "Minor", "Patch")) {
      JsonNode value = version.get(part);
      String pointer = "/version/" + part;
      if (value == null) {
        error(
            pointer,
            "VersionPartMissing",
            "version has no " + part,
            "Add \"" + part + "\": 0; the agent caches tasks by Major.Minor.Patch");
      } else if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0) {
        continue;
      } else if (value.isTextual() && DIGITS.matcher(value.textValue()).matches()) {
        warning(
            pointer,
            "VersionPartNotNumber",
            "version " + part + " is the string " + value + "; the schema wants a number",
            "Remove the quotes");
      } else {
        error(
            pointer,
            "VersionPartInvalid",
            "version " + part + " must be a whole number of at least 0, not " + value,
            "Write a number such as " + ("Major".equals(part) ? "1" : "0"));
      }
    }
    unknownMembers(version, "/version", List.of("Major", "Minor", "Patch"), "version");
  }

  private void instanceNameFormat(JsonNode format) {
    if (format == null) {
      warning(
          "/instanceNameFormat",
          "InstanceNameFormatMissing",
          "the task has no instanceNameFormat",
          "Add the default step name, for example \"Run $(scriptPath)\"; tfx warns without it");
      return;
    }
    if (!text(format, "/instanceNameFormat", false)) {
      return;
    }
    Matcher macro = MACRO.matcher(format.textValue());
    while (macro.find()) {
      String name = macro.group(1).strip();
      // A dotted name is a variable such as $(System.DefinitionName), which the UI also expands.
      if (name.contains(".") || inputNames.contains(lower(name))) {
        continue;
      }
      warning(
          "/instanceNameFormat",
          "InstanceNameFormatUnknownInput",
          "instanceNameFormat uses $(" + name + "), which is not an input",
          "Use an input name, or a variable with a dot such as $(Build.BuildNumber)");
    }
  }

  private void dataSourceBindings(JsonNode bindings) {
    if (bindings == null) {
      return;
    }
    if (!bindings.isArray()) {
      warning(
          "/dataSourceBindings",
          "WrongType",
          "dataSourceBindings must be an array, not " + typeOf(bindings),
          "Write [ { \"target\": \"inputName\", ... } ]");
      return;
    }
    for (int i = 0; i < bindings.size(); i++) {
      JsonNode target = bindings.get(i).get("target");
      if (target != null
          && target.isTextual()
          && !target.textValue().isEmpty()
          && !inputNames.contains(lower(target.textValue()))) {
        warning(
            "/dataSourceBindings/" + i + "/target",
            "DataSourceBindingUnknownTarget",
            "dataSourceBindings target " + target + " is not an input",
            "Name the input the data source fills");
      }
    }
  }

  // ---------------------------------------------------------------- groups

  private void groups(JsonNode groups) {
    if (groups == null) {
      return;
    }
    if (!groups.isArray()) {
      warning(
          "/groups",
          "WrongType",
          "groups must be an array, not " + typeOf(groups),
          "Write [ { \"name\": \"advanced\", \"displayName\": \"Advanced\" } ]");
      return;
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < groups.size(); i++) {
      JsonNode group = groups.get(i);
      String pointer = "/groups/" + i;
      if (!group.isObject()) {
        warning(
            pointer,
            "WrongType",
            "a group must be an object, not " + typeOf(group),
            "Write { \"name\": \"advanced\", \"displayName\": \"Advanced\" }");
        continue;
      }
      unknownMembers(group, pointer, GROUP_MEMBERS, "a group");
      JsonNode name = group.get("name");
      if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
        warning(
            pointer + "/name",
            "GroupNameMissing",
            "group " + i + " has no name",
            "Add the name inputs use in their groupName");
      } else {
        String previous = seen.putIfAbsent(name.textValue(), pointer);
        if (previous != null) {
          warning(
              pointer + "/name",
              "GroupNameDuplicate",
              "group name " + name + " is also used by " + previous,
              "Give each group its own name");
        }
      }
      if (group.get("displayName") == null) {
        warning(
            pointer + "/displayName",
            "GroupDisplayNameMissing",
            "group " + i + " has no displayName",
            "Add the section title shown in the classic editor");
      }
      bool(group.get("isExpanded"), pointer + "/isExpanded");
      visibleRule(group.get("visibleRule"), pointer + "/visibleRule");
    }
  }

  // ---------------------------------------------------------------- inputs

  private void inputs(JsonNode inputs) {
    if (inputs == null) {
      return;
    }
    if (!inputs.isArray()) {
      error(
          "/inputs",
          "WrongType",
          "inputs must be an array, not " + typeOf(inputs),
          "Write [ { \"name\": ..., \"type\": ..., \"label\": ... } ]");
      return;
    }
    Map<String, String> names = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      JsonNode input = inputs.get(i);
      String pointer = "/inputs/" + i;
      if (!input.isObject()) {
        error(
            pointer,
            "InputNotObject",
            "input " + i + " is " + typeOf(input) + ", not an object",
            "Write { \"name\": ..., \"type\": ..., \"label\": ... }");
        continue;
      }
      unknownMembers(input, pointer, INPUT_MEMBERS, "an input");
      inputName(input.get("name"), pointer, i, names);
      inputAliases(input.get("aliases"), pointer, names);
      JsonNode type = input.get("type");
      inputType(type, pointer);
      JsonNode label = input.get("label");
      if (label == null) {
        error(
            pointer + "/label",
            "InputLabelMissing",
            "input " + describe(input, i) + " has no label",
            "Add the label the classic editor shows");
      } else {
        text(label, pointer + "/label", true);
      }
      inputRequired(input.get("required"), pointer);
      inputDefault(input, pointer);
      text(input.get("helpMarkDown"), pointer + "/helpMarkDown", true);
      textMap(input.get("options"), pointer + "/options", "options");
      inputProperties(input.get("properties"), pointer);
      inputGroupName(input.get("groupName"), pointer);
      visibleRule(input.get("visibleRule"), pointer + "/visibleRule");
      inputValidation(input.get("validation"), pointer);
    }
  }

  private void inputName(JsonNode name, String pointer, int index, Map<String, String> names) {
    if (name == null || !name.isTextual() || name.textValue().isBlank()) {
      error(
          pointer + "/name",
          "InputNameMissing",
          "input " + index + " has no name",
          "Add a name such as \"scriptPath\"; the task reads the value as INPUT_<NAME>");
      return;
    }
    String text = name.textValue();
    String previous = names.putIfAbsent(lower(text), pointer);
    if (previous != null) {
      error(
          pointer + "/name",
          "InputNameDuplicate",
          "input name "
              + name
              + " is also used by "
              + previous
              + "; names are compared ignoring case because the agent passes INPUT_"
              + text.toUpperCase(Locale.ROOT),
          "Rename one of the inputs");
    } else if (!SCHEMA_NAME.matcher(text).matches()) {
      warning(
          pointer + "/name",
          "InputNameNotInSchema",
          "input name " + name + " does not match the schema's ^[A-Za-z][A-Za-z0-9]*$",
          "The agent accepts it; for a new task use letters and digits only");
    }
  }

  private void inputAliases(JsonNode aliases, String pointer, Map<String, String> names) {
    if (!stringList(aliases, pointer + "/aliases")) {
      return;
    }
    for (int a = 0; a < aliases.size(); a++) {
      String alias = aliases.get(a).textValue();
      // An alias that differs from its own input's name only in case is common in-box: it lets
      // YAML use the camelCase spelling of an older name.
      String previous = names.putIfAbsent(lower(alias), pointer);
      if (previous != null && !previous.equals(pointer)) {
        error(
            pointer + "/aliases/" + a,
            "InputAliasConflict",
            "alias \"" + alias + "\" is already the name or an alias of " + previous,
            "YAML could not tell the inputs apart; choose another alias");
      }
    }
  }

  private void inputType(JsonNode type, String pointer) {
    if (type == null) {
      error(
          pointer + "/type",
          "InputTypeMissing",
          "the input has no type",
          "Add a type such as \"string\", \"boolean\", \"pickList\" or \"connectedService:AzureRM\"");
      return;
    }
    if (!type.isTextual()) {
      error(
          pointer + "/type",
          "WrongType",
          "type must be a string, not " + typeOf(type),
          "Write a type such as \"string\"");
      return;
    }
    String value = type.textValue();
    if (INPUT_TYPES.contains(value) || value.matches("^connectedService:.+$")) {
      return;
    }
    Optional<String> sameIgnoringCase =
        INPUT_TYPES.stream().filter(t -> t.equalsIgnoreCase(value)).findFirst();
    if (sameIgnoringCase.isPresent()) {
      warning(
          pointer + "/type",
          "InputTypeCase",
          "type " + type + " is written in another case than the schema's",
          "Write \"" + sameIgnoringCase.get() + "\"; the UI accepts either");
    } else {
      warning(
          pointer + "/type",
          "InputTypeUnknown",
          "type " + type + " is not one the schema lists",
          "Known types: "
              + String.join(", ", INPUT_TYPES)
              + ", connectedService:<kind>; the input binds as a string");
    }
  }

  private void inputRequired(JsonNode required, String pointer) {
    if (required == null || required.isBoolean()) {
      return;
    }
    if (required.isTextual()
        && (required.textValue().equalsIgnoreCase("true")
            || required.textValue().equalsIgnoreCase("false"))) {
      warning(
          pointer + "/required",
          "WrongType",
          "required is the string " + required + "; the schema wants a boolean",
          "Remove the quotes");
    } else {
      error(
          pointer + "/required",
          "WrongType",
          "required must be true or false, not " + required,
          "Write true or false without quotes");
    }
  }

  private void inputDefault(JsonNode input, String pointer) {
    JsonNode value = input.get("defaultValue");
    if (value == null || value.isNull() || value.isTextual() || value.isBoolean()) {
      checkDefaultIsAnOption(input, value, pointer);
      return;
    }
    if (value.isNumber()) {
      warning(
          pointer + "/defaultValue",
          "WrongType",
          "defaultValue is a number; the schema wants a string or a boolean",
          "Quote it: \"" + value.asText() + "\"");
    } else {
      error(
          pointer + "/defaultValue",
          "WrongType",
          "defaultValue must be a string or a boolean, not " + typeOf(value),
          "Write the default as a string");
    }
  }

  private void checkDefaultIsAnOption(JsonNode input, JsonNode value, String pointer) {
    JsonNode type = input.get("type");
    JsonNode options = input.get("options");
    if (value == null
        || value.isNull()
        || value.asText().isEmpty()
        || type == null
        || !type.isTextual()
        || !(type.textValue().equalsIgnoreCase("pickList")
            || type.textValue().equalsIgnoreCase("radio"))
        || options == null
        || !options.isObject()
        || options.isEmpty()
        || isTrueProperty(input, "EditableOptions")
        || isTrueProperty(input, "MultiSelect")
        || isTrueProperty(input, "MultiSelectFlatList")
        || options.has(value.asText())) {
      return;
    }
    List<String> keys = new ArrayList<>();
    options.fieldNames().forEachRemaining(keys::add);
    warning(
        pointer + "/defaultValue",
        "DefaultValueNotAnOption",
        "defaultValue " + value + " is not one of the options (" + String.join(", ", keys) + ")",
        "Use an option key, or set properties.EditableOptions to \"True\" if other values are"
            + " meant to be allowed; a generated enum cannot represent it");
  }

  private static boolean isTrueProperty(JsonNode input, String property) {
    JsonNode properties = input.get("properties");
    if (properties == null || !properties.isObject()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equalsIgnoreCase(property) && e.getValue().asText().equalsIgnoreCase("true")) {
        return true;
      }
    }
    return false;
  }

  private void inputProperties(JsonNode properties, String pointer) {
    if (properties == null) {
      return;
    }
    if (!properties.isObject()) {
      warning(
          pointer + "/properties",
          "WrongType",
          "properties must be an object, not " + typeOf(properties),
          "Write { \"EditableOptions\": \"True\" } and the like");
      return;
    }
    for (String key : List.of("rows", "maxLength")) {
      JsonNode value = properties.get(key);
      if (value != null && !DIGITS.matcher(value.asText()).matches()) {
        warning(
            pointer + "/properties/" + key,
            "PropertyNotDigits",
            "properties." + key + " " + value + " is not a string of digits",
            "Write it as digits in quotes, such as \"10\"");
      }
    }
  }

  private void inputGroupName(JsonNode groupName, String pointer) {
    if (!text(groupName, pointer + "/groupName", false) || groupName.textValue().isEmpty()) {
      return;
    }
    if (!groupNames.contains(groupName.textValue())) {
      warning(
          pointer + "/groupName",
          "GroupNotDefined",
          "groupName " + groupName + " is not the name of a group",
          groupNames.isEmpty()
              ? "Add it to \"groups\", or remove groupName"
              : "Add it to \"groups\", or use one of: " + String.join(", ", sorted(groupNames)));
    }
  }

  private void inputValidation(JsonNode validation, String pointer) {
    if (validation == null) {
      return;
    }
    if (!validation.isObject() || !validation.path("expression").isTextual()) {
      warning(
          pointer + "/validation",
          "ValidationInvalid",
          "validation must be an object with an expression string",
          "Write { \"expression\": \"isUrl(value)\", \"message\": \"...\" }");
    }
  }

  // ---------------------------------------------------------------- visibleRule

  private void visibleRule(JsonNode rule, String pointer) {
    if (!text(rule, pointer, false) || rule.textValue().isBlank()) {
      return;
    }
    VisibleRule parsed;
    try {
      parsed = VisibleRule.parse(rule.textValue());
    } catch (VisibleRuleException e) {
      error(
          pointer,
          "VisibleRuleSyntax",
          e.getMessage().replaceFirst("\\. The grammar is.*$", ""),
          "Write clauses 'input operator value' joined by && or ||, for example"
              + " \"scriptLocation = inlineScript\"");
      return;
    }
    if (parsed.usesParentheses()) {
      warning(
          pointer,
          "VisibleRuleParentheses",
          "visibleRule " + rule + " uses parentheses, which the web UI does not support",
          "Use one && chain or one || chain; this SDK evaluates parentheses as written");
    } else if (parsed.mixesOperators()) {
      warning(
          pointer,
          "VisibleRuleMixedOperators",
          "visibleRule " + rule + " mixes && and ||, which the web UI does not support",
          "Use one && chain or one || chain; this SDK gives && precedence over ||");
    }
    for (VisibleRule.Operator operator : parsed.operators()) {
      if (!operator.isConfirmed()) {
        warning(
            pointer,
            "VisibleRuleUnconfirmedOperator",
            "visibleRule uses " + operator.symbol() + ", which the web UI may not support",
            "Prefer =, !=, EndsWith or NotEndsWith");
      }
    }
    for (String name : parsed.inputNames()) {
      if (!inputNames.contains(lower(name))) {
        warning(
            pointer,
            "VisibleRuleUnknownInput",
            "visibleRule refers to \"" + name + "\", which is not an input",
            "Fix the name; an unknown input compares as the empty string");
      }
    }
  }

  // ---------------------------------------------------------------- outputs, execution, messages

  private void outputVariables(JsonNode outputs) {
    if (outputs == null) {
      return;
    }
    if (!outputs.isArray()) {
      error(
          "/outputVariables",
          "WrongType",
          "outputVariables must be an array, not " + typeOf(outputs),
          "Write [ { \"name\": \"MyOutput\", \"description\": \"...\" } ]");
      return;
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      JsonNode output = outputs.get(i);
      String pointer = "/outputVariables/" + i;
      if (!output.isObject()) {
        error(
            pointer,
            "WrongType",
            "an output variable must be an object, not " + typeOf(output),
            "Write { \"name\": \"MyOutput\", \"description\": \"...\" }");
        continue;
      }
      unknownMembers(output, pointer, OUTPUT_MEMBERS, "an output variable");
      JsonNode name = output.get("name");
      if (name == null || !name.isTextual() || name.textValue().isBlank()) {
        error(
            pointer + "/name",
            "OutputVariableNameMissing",
            "output variable " + i + " has no name",
            "Add the name later steps use as $(step.name)");
        continue;
      }
      String previous = seen.putIfAbsent(lower(name.textValue()), pointer);
      if (previous != null) {
        warning(
            pointer + "/name",
            "OutputVariableNameDuplicate",
            "output variable " + name + " is also declared by " + previous,
            "Remove the duplicate");
      } else if (!SCHEMA_NAME.matcher(name.textValue()).matches()) {
        warning(
            pointer + "/name",
            "OutputVariableNameNotInSchema",
            "output variable name " + name + " does not match the schema's ^[A-Za-z][A-Za-z0-9]*$",
            "The agent accepts it; for a new task use letters and digits only");
      }
      text(output.get("description"), pointer + "/description", false);
    }
  }

  private void executions(JsonNode root) {
    boolean any = false;
    for (String block : List.of("prejobexecution", "execution", "postjobexecution")) {
      JsonNode handlers = root.get(block);
      if (handlers == null) {
        continue;
      }
      any = true;
      String pointer = "/" + block;
      if (!handlers.isObject()) {
        error(
            pointer,
            "WrongType",
            block + " must be an object of handlers, not " + typeOf(handlers),
            "Write { \"Node20_1\": { \"target\": \"main.js\" } }");
        continue;
      }
      Set<String> nodeHandlers = new LinkedHashSet<>();
      handlers
          .fields()
          .forEachRemaining(e -> handler(e.getKey(), e.getValue(), pointer, nodeHandlers));
      if ("execution".equals(block)
          && !nodeHandlers.isEmpty()
          && nodeHandlers.size() == handlers.size()
          && END_OF_LIFE.containsAll(nodeHandlers)) {
        warning(
            pointer,
            "HandlerEndOfLife",
            "the task only has end-of-life Node handlers (" + String.join(", ", nodeHandlers) + ")",
            "Add Node20_1 and Node24; agents warn about or refuse older Node runners");
      }
    }
    if (!any) {
      warning(
          "/execution",
          "NoExecution",
          "the task has no execution, prejobexecution or postjobexecution",
          "Add \"execution\": { \"Node20_1\": { \"target\": \"main.js\" } }");
    }
  }

  private void handler(String name, JsonNode handler, String blockPointer, Set<String> node) {
    String pointer = blockPointer + "/" + pointerToken(name);
    if (name.startsWith("Node")) {
      node.add(name);
    }
    if (!handler.isObject()) {
      error(
          pointer,
          "HandlerNotObject",
          "handler " + name + " must be an object, not " + typeOf(handler),
          "Write { \"target\": \"main.js\" }");
      return;
    }
    boolean agent = AGENT_HANDLERS.contains(name);
    if (!agent && !SERVER_HANDLERS.contains(name)) {
      warning(
          pointer,
          "UnknownHandler",
          "handler " + name + " is not one the agent or the server knows",
          "Node20".equals(name)
              ? "Use Node20_1, the handler name agents know for Node 20"
              : "Use Node20_1 or Node24 for a Node launcher");
      agent = name.startsWith("Node") || name.startsWith("PowerShell");
    }
    JsonNode target = handler.get("target");
    if (agent && (target == null || (target.isTextual() && target.textValue().isBlank()))) {
      error(
          pointer + "/target",
          "HandlerTargetMissing",
          "handler " + name + " has no target",
          "Add \"target\": the file to run, relative to the task folder");
    } else if (target != null && !target.isTextual()) {
      error(
          pointer + "/target",
          "WrongType",
          "target must be a string, not " + typeOf(target),
          "Write the file name in quotes");
    }
    JsonNode platforms = handler.get("platforms");
    if (stringList(platforms, pointer + "/platforms")) {
      for (int i = 0; i < platforms.size(); i++) {
        if (!"windows".equals(platforms.get(i).textValue())) {
          warning(
              pointer + "/platforms/" + i,
              "UnknownPlatform",
              "platform " + platforms.get(i) + " is not \"windows\", the only one the agent knows",
              "Remove it");
        }
      }
    }
  }

  private void messages(JsonNode messages) {
    if (messages == null) {
      return;
    }
    if (!messages.isObject()) {
      error(
          "/messages",
          "WrongType",
          "messages must be an object of key to text, not " + typeOf(messages),
          "Write { \"MessageKey\": \"Text with %s\" }");
      return;
    }
    messages
        .fields()
        .forEachRemaining(
            e -> {
              String pointer = "/messages/" + pointerToken(e.getKey());
              if (!MESSAGE_KEY.matcher(e.getKey()).matches()) {
                error(
                    pointer,
                    "MessageKeyInvalid",
                    "message key \"" + e.getKey() + "\" is not letters, digits, '_', '.' or '-'",
                    "Rename it; keys become loc.messages.<key> in the resource files");
              }
              if (!e.getValue().isTextual()) {
                error(
                    pointer,
                    "MessageNotString",
                    "message \"" + e.getKey() + "\" is " + typeOf(e.getValue()) + ", not a string",
                    "Write the en-US text as a string");
              }
            });
  }

  private void restrictions(JsonNode restrictions) {
    if (restrictions == null) {
      return;
    }
    if (!restrictions.isObject()) {
      error(
          "/restrictions",
          "WrongType",
          "restrictions must be an object, not " + typeOf(restrictions),
          "Write { \"commands\": { \"mode\": \"restricted\" } }");
      return;
    }
    unknownMembers(
        restrictions, "/restrictions", List.of("commands", "settableVariables"), "restrictions");
    JsonNode commands = restrictions.get("commands");
    if (commands != null) {
      JsonNode mode = commands.get("mode");
      if (!commands.isObject()
          || (mode != null
              && !(mode.isTextual()
                  && (mode.textValue().equalsIgnoreCase("any")
                      || mode.textValue().equalsIgnoreCase("restricted"))))) {
        error(
            "/restrictions/commands/mode",
            "RestrictionModeInvalid",
            "restrictions.commands.mode must be \"any\" or \"restricted\"",
            "The agent cannot read any other mode; write \"restricted\" to limit logging commands");
      }
    }
    JsonNode settable = restrictions.get("settableVariables");
    if (settable != null) {
      JsonNode allowed = settable.get("allowed");
      boolean ok =
          settable.isObject()
              && (allowed == null || (allowed.isArray() && allItems(allowed, JsonNode::isTextual)));
      if (!ok) {
        error(
            "/restrictions/settableVariables/allowed",
            "WrongType",
            "restrictions.settableVariables.allowed must be an array of strings",
            "Write [ \"MY_VARIABLE\", \"PREFIX_*\" ], or [] to allow none");
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private void unknownMembers(JsonNode object, String pointer, List<String> known, String where) {
    object
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (known.contains(key)) {
                return;
              }
              Optional<String> sameIgnoringCase =
                  known.stream().filter(k -> k.equalsIgnoreCase(key)).findFirst();
              warning(
                  pointer + "/" + pointerToken(key),
                  "UnknownMember",
                  "\"" + key + "\" is not a member of " + where,
                  sameIgnoringCase
                      .map(
                          k ->
                              "Write \""
                                  + k
                                  + "\": the agent matches member names ignoring case, the UI and"
                                  + " this SDK do not")
                      .orElse(
                          "The agent and the service ignore it; remove it if nothing reads it"));
            });
  }

  /** Checks an optional text member; true when it is present and a string. */
  private boolean text(JsonNode value, String pointer, boolean agentReads) {
    if (value == null || value.isTextual()) {
      return value != null;
    }
    String member = pointer.substring(pointer.lastIndexOf('/') + 1);
    if (value.isContainerNode() && agentReads) {
      error(
          pointer,
          "WrongType",
          member + " must be a string, not " + typeOf(value),
          "The agent cannot read it; write a string");
    } else {
      warning(
          pointer,
          "WrongType",
          member + " should be a string, not " + typeOf(value),
          "Write it as a string");
    }
    return false;
  }

  private void bool(JsonNode value, String pointer) {
    if (value == null || value.isBoolean()) {
      return;
    }
    String member = pointer.substring(pointer.lastIndexOf('/') + 1);
    warning(
        pointer,
        "WrongType",
        member + " should be true or false, not " + value,
        "Write true or false without quotes");
  }

  /** Checks an optional array of strings; true when it is present and valid. */
  private boolean stringList(JsonNode value, String pointer) {
    if (value == null) {
      return false;
    }
    if (value.isArray() && allItems(value, JsonNode::isTextual)) {
      return true;
    }
    String member = pointer.substring(pointer.lastIndexOf('/') + 1);
    warning(
        pointer,
        "WrongType",
        member + " should be an array of strings",
        "Write [ \"first\", \"second\" ]");
    return false;
  }

  private void textMap(JsonNode value, String pointer, String member) {
    if (value == null) {
      return;
    }
    if (!value.isObject() || !allItems(value, JsonNode::isTextual)) {
      warning(
          pointer,
          "WrongType",
          member + " should be an object of strings",
          "Write { \"key\": \"Label\" }");
    }
  }

  private void enumList(JsonNode value, String pointer, Set<String> known, String code) {
    if (!stringList(value, pointer)) {
      return;
    }
    for (int i = 0; i < value.size(); i++) {
      if (!known.contains(value.get(i).textValue())) {
        warning(
            pointer + "/" + i,
            code,
            value.get(i) + " is not one the schema lists",
            "Use one of " + String.join(", ", sorted(known)));
      }
    }
  }

  private void pattern(JsonNode value, String pointer, Pattern pattern, String code, String hint) {
    if (text(value, pointer, false) && !pattern.matcher(value.textValue()).matches()) {
      String member = pointer.substring(1);
      warning(pointer, code, member + " " + value + " does not match " + pattern.pattern(), hint);
    }
  }

  private static boolean allItems(JsonNode container, java.util.function.Predicate<JsonNode> test) {
    for (JsonNode item : container) {
      if (!test.test(item)) {
        return false;
      }
    }
    return true;
  }

  private static String typeOf(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isTextual()) {
      return "a string";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    return "null";
  }

  private static String describe(JsonNode input, int index) {
    JsonNode name = input.get("name");
    return name != null && name.isTextual()
        ? "\"" + name.textValue() + "\""
        : String.valueOf(index);
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }

  /** Escapes a member name for a JSON pointer (RFC 6901). */
  static String pointerToken(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private void error(String pointer, String code, String message, String hint) {
    problems.add(new Problem(Problem.Severity.ERROR, file, pointer, code, message, hint));
  }

  private void warning(String pointer, String code, String message, String hint) {
    problems.add(new Problem(Problem.Severity.WARNING, file, pointer, code, message, hint));
  }
}
