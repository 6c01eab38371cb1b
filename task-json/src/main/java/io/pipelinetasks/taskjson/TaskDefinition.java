package io.pipelinetasks.taskjson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task manifest, {@code task.json}: every member of the official schema as a typed component, in
 * the order the official tasks write them.
 *
 * <p><b>Nothing is lost.</b> Each record of the model has an {@code extra} map of members kept
 * verbatim as JSON text. It holds every member the model does not interpret (for example {@code
 * satisfies}), and also interpreted members whose JSON form differs from the one the writer would
 * produce: {@code "required": "true"} written as a string, an empty {@code "demands": []}, a
 * malformed {@code "inputs": {}}. {@link TaskJson#writeTask} writes such a member verbatim as long
 * as the typed component still has the value that was read, so {@code read → write} reproduces the
 * same JSON tree; a component changed in code is written in the canonical form instead.
 *
 * <p>Reading is lenient: a member of an unexpected JSON type reads as an empty value and {@link
 * TaskJsonValidator} reports it. Absent text members read as {@code ""}, absent collections as
 * empty, absent optional members as {@link Optional#empty()}.
 *
 * @param schema {@code $schema}
 * @param id the task GUID, stable across versions
 * @param name the name used in YAML ({@code AzureCLI} in {@code AzureCLI@2})
 * @param friendlyName the display name
 * @param description the description
 * @param helpUrl the help link
 * @param helpMarkDown the help text
 * @param category {@code Build}, {@code Deploy}, {@code Utility}, ...
 * @param visibility {@code Build}, {@code Release}
 * @param runsOn {@code Agent}, {@code DeploymentGroup}, {@code Server}, ...
 * @param author the author
 * @param preview whether the task is a preview
 * @param deprecated whether the task is deprecated
 * @param deprecationMessage text appended to the deprecation warning
 * @param removalDate {@code yyyy-MM-dd}
 * @param showEnvironmentVariables whether the classic editor shows the environment editor
 * @param releaseNotes release notes
 * @param version the version; {@link TaskVersion#ABSENT} when the file has none
 * @param minimumAgentVersion the oldest agent that may run the task
 * @param demands the agent capabilities the task needs
 * @param groups the input groups
 * @param inputs the inputs
 * @param dataSourceBindings the UI data sources
 * @param sourceDefinitions the legacy UI data sources
 * @param instanceNameFormat the step display name, may use {@code $(inputName)}
 * @param outputVariables the declared output variables
 * @param preJobExecution {@code prejobexecution}: handler name to handler, in file order
 * @param execution {@code execution}: handler name to handler, in file order
 * @param postJobExecution {@code postjobexecution}: handler name to handler, in file order
 * @param restrictions the command and variable restrictions
 * @param messages message key to en-US format string, used by the task's localized messages
 * @param extra members kept verbatim so writing reproduces the file
 */
public record TaskDefinition(
    Optional<String> schema,
    String id,
    String name,
    String friendlyName,
    Optional<String> description,
    Optional<String> helpUrl,
    Optional<String> helpMarkDown,
    Optional<String> category,
    List<String> visibility,
    List<String> runsOn,
    Optional<String> author,
    Optional<Boolean> preview,
    Optional<Boolean> deprecated,
    Optional<String> deprecationMessage,
    Optional<String> removalDate,
    Optional<Boolean> showEnvironmentVariables,
    Optional<String> releaseNotes,
    TaskVersion version,
    Optional<String> minimumAgentVersion,
    List<String> demands,
    List<TaskGroup> groups,
    List<TaskInput> inputs,
    List<DataSourceBinding> dataSourceBindings,
    List<SourceDefinition> sourceDefinitions,
    String instanceNameFormat,
    List<OutputVariable> outputVariables,
    Map<String, ExecutionHandler> preJobExecution,
    Map<String, ExecutionHandler> execution,
    Map<String, ExecutionHandler> postJobExecution,
    Optional<Restrictions> restrictions,
    Map<String, String> messages,
    Map<String, String> extra) {

  /** Copies the collections and replaces nulls by empty values. */
  public TaskDefinition {
    schema = Copies.optional(schema);
    id = Copies.text(id);
    name = Copies.text(name);
    friendlyName = Copies.text(friendlyName);
    description = Copies.optional(description);
    helpUrl = Copies.optional(helpUrl);
    helpMarkDown = Copies.optional(helpMarkDown);
    category = Copies.optional(category);
    visibility = Copies.list(visibility);
    runsOn = Copies.list(runsOn);
    author = Copies.optional(author);
    preview = Copies.optional(preview);
    deprecated = Copies.optional(deprecated);
    deprecationMessage = Copies.optional(deprecationMessage);
    removalDate = Copies.optional(removalDate);
    showEnvironmentVariables = Copies.optional(showEnvironmentVariables);
    releaseNotes = Copies.optional(releaseNotes);
    version = version == null ? TaskVersion.ABSENT : version;
    minimumAgentVersion = Copies.optional(minimumAgentVersion);
    demands = Copies.list(demands);
    groups = Copies.list(groups);
    inputs = Copies.list(inputs);
    dataSourceBindings = Copies.list(dataSourceBindings);
    sourceDefinitions = Copies.list(sourceDefinitions);
    instanceNameFormat = Copies.text(instanceNameFormat);
    outputVariables = Copies.list(outputVariables);
    preJobExecution = Copies.map(preJobExecution);
    execution = Copies.map(execution);
    postJobExecution = Copies.map(postJobExecution);
    restrictions = Copies.optional(restrictions);
    messages = Copies.map(messages);
    extra = Copies.map(extra);
  }

  /**
   * The input with this name, compared without case as the agent's {@code INPUT_<NAME>} variables
   * are.
   */
  public Optional<TaskInput> input(String inputName) {
    return inputs.stream().filter(i -> i.name().equalsIgnoreCase(inputName)).findFirst();
  }

  /** The group with this name; an exact match wins over one that differs only in case. */
  public Optional<TaskGroup> group(String groupName) {
    Optional<TaskGroup> exact = groups.stream().filter(g -> g.name().equals(groupName)).findFirst();
    return exact.isPresent()
        ? exact
        : groups.stream().filter(g -> g.name().equalsIgnoreCase(groupName)).findFirst();
  }

  /**
   * What input binding needs to know about each input, in declaration order. A group's {@code
   * visibleRule} is carried along, because a hidden group hides its inputs.
   */
  public List<InputSpec> inputSpecs() {
    List<InputSpec> specs = new ArrayList<>(inputs.size());
    for (TaskInput input : inputs) {
      String groupRule =
          input.groupName().flatMap(this::group).flatMap(TaskGroup::visibleRule).orElse("");
      specs.add(
          new InputSpec(
              input.name(),
              input.type(),
              input.aliases(),
              input.defaultValue().orElse(""),
              input.isRequired(),
              input.visibleRule().orElse(""),
              groupRule,
              List.copyOf(input.options().keySet()),
              input.isEditableOptions(),
              input.isMultiSelect()));
    }
    return List.copyOf(specs);
  }

  /** This definition with another version, for example the next release's. */
  public TaskDefinition withVersion(TaskVersion newVersion) {
    return new TaskDefinition(
        schema,
        id,
        name,
        friendlyName,
        description,
        helpUrl,
        helpMarkDown,
        category,
        visibility,
        runsOn,
        author,
        preview,
        deprecated,
        deprecationMessage,
        removalDate,
        showEnvironmentVariables,
        releaseNotes,
        newVersion,
        minimumAgentVersion,
        demands,
        groups,
        inputs,
        dataSourceBindings,
        sourceDefinitions,
        instanceNameFormat,
        outputVariables,
        preJobExecution,
        execution,
        postJobExecution,
        restrictions,
        messages,
        extra);
  }
}
