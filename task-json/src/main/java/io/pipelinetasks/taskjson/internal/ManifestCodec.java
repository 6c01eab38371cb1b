package io.pipelinetasks.taskjson.internal;

import static io.pipelinetasks.taskjson.internal.Kind.INT;
import static io.pipelinetasks.taskjson.internal.Kind.INT_OR_ABSENT;
import static io.pipelinetasks.taskjson.internal.Kind.OPTIONAL_BOOLEAN;
import static io.pipelinetasks.taskjson.internal.Kind.OPTIONAL_TEXT;
import static io.pipelinetasks.taskjson.internal.Kind.OPTIONAL_TEXT_LIST;
import static io.pipelinetasks.taskjson.internal.Kind.RAW_MAP;
import static io.pipelinetasks.taskjson.internal.Kind.TEXT;
import static io.pipelinetasks.taskjson.internal.Kind.TEXT_LIST;
import static io.pipelinetasks.taskjson.internal.Kind.TEXT_MAP;
import static io.pipelinetasks.taskjson.internal.Kind.listOf;
import static io.pipelinetasks.taskjson.internal.Kind.mapOf;
import static io.pipelinetasks.taskjson.internal.Kind.optionalOf;
import static io.pipelinetasks.taskjson.internal.Kind.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetasks.taskjson.DataSourceBinding;
import io.pipelinetasks.taskjson.ExecutionHandler;
import io.pipelinetasks.taskjson.ExtensionContribution;
import io.pipelinetasks.taskjson.ExtensionFile;
import io.pipelinetasks.taskjson.ExtensionManifest;
import io.pipelinetasks.taskjson.ExtensionTarget;
import io.pipelinetasks.taskjson.InputValidation;
import io.pipelinetasks.taskjson.OutputVariable;
import io.pipelinetasks.taskjson.Restrictions;
import io.pipelinetasks.taskjson.SourceDefinition;
import io.pipelinetasks.taskjson.TaskDefinition;
import io.pipelinetasks.taskjson.TaskGroup;
import io.pipelinetasks.taskjson.TaskInput;
import io.pipelinetasks.taskjson.TaskVersion;
import java.util.Map;

/**
 * Maps task.json and vss-extension.json trees to the model and back. Each record has one reader and
 * one writer that name the same members; the writers list them in the order the official files use.
 */
public final class ManifestCodec {
  private ManifestCodec() {}

  static final Kind<TaskVersion> VERSION_MEMBERS =
      record(
          m ->
              new TaskVersion(
                  m.get("Major", INT), m.get("Minor", INT), m.get("Patch", INT), m.extra()),
          v ->
              new Out(v.extra())
                  .put("Major", INT, v.major())
                  .put("Minor", INT, v.minor())
                  .put("Patch", INT, v.patch()));

  /** The version member: absent reads as {@link TaskVersion#ABSENT}, which is not written. */
  static final Kind<TaskVersion> VERSION =
      new Kind<>(
          node -> node != null && node.isObject() ? VERSION_MEMBERS.read(node) : TaskVersion.ABSENT,
          version -> version.equals(TaskVersion.ABSENT) ? null : VERSION_MEMBERS.write(version));

  static final Kind<InputValidation> VALIDATION =
      record(
          m -> new InputValidation(m.get("expression", TEXT), m.get("message", TEXT), m.extra()),
          v ->
              new Out(v.extra())
                  .put("expression", TEXT, v.expression())
                  .put("message", TEXT, v.message()));

  static final Kind<TaskInput> INPUT =
      record(
          m ->
              new TaskInput(
                  m.get("name", TEXT),
                  m.get("label", TEXT),
                  m.get("type", TEXT),
                  m.get("aliases", TEXT_LIST),
                  m.get("defaultValue", OPTIONAL_TEXT),
                  m.get("required", OPTIONAL_BOOLEAN),
                  m.get("helpMarkDown", OPTIONAL_TEXT),
                  m.get("groupName", OPTIONAL_TEXT),
                  m.get("visibleRule", OPTIONAL_TEXT),
                  m.get("properties", TEXT_MAP),
                  m.get("options", TEXT_MAP),
                  m.get("validation", optionalOf(VALIDATION)),
                  m.extra()),
          i ->
              new Out(i.extra())
                  .put("name", TEXT, i.name())
                  .put("aliases", TEXT_LIST, i.aliases())
                  .put("type", TEXT, i.type())
                  .put("label", TEXT, i.label())
                  .put("defaultValue", OPTIONAL_TEXT, i.defaultValue())
                  .put("required", OPTIONAL_BOOLEAN, i.required())
                  .put("groupName", OPTIONAL_TEXT, i.groupName())
                  .put("options", TEXT_MAP, i.options())
                  .put("visibleRule", OPTIONAL_TEXT, i.visibleRule())
                  .put("properties", TEXT_MAP, i.properties())
                  .put("validation", optionalOf(VALIDATION), i.validation())
                  .put("helpMarkDown", OPTIONAL_TEXT, i.helpMarkDown()));

  static final Kind<TaskGroup> GROUP =
      record(
          m ->
              new TaskGroup(
                  m.get("name", TEXT),
                  m.get("displayName", TEXT),
                  m.get("isExpanded", OPTIONAL_BOOLEAN),
                  m.get("visibleRule", OPTIONAL_TEXT),
                  m.extra()),
          g ->
              new Out(g.extra())
                  .put("name", TEXT, g.name())
                  .put("displayName", TEXT, g.displayName())
                  .put("isExpanded", OPTIONAL_BOOLEAN, g.isExpanded())
                  .put("visibleRule", OPTIONAL_TEXT, g.visibleRule()));

  static final Kind<OutputVariable> OUTPUT_VARIABLE =
      record(
          m ->
              new OutputVariable(
                  m.get("name", TEXT), m.get("description", OPTIONAL_TEXT), m.extra()),
          o ->
              new Out(o.extra())
                  .put("name", TEXT, o.name())
                  .put("description", OPTIONAL_TEXT, o.description()));

  static final Kind<ExecutionHandler> HANDLER =
      record(
          m ->
              new ExecutionHandler(
                  m.get("target", TEXT),
                  m.get("platforms", TEXT_LIST),
                  m.get("argumentFormat", OPTIONAL_TEXT),
                  m.get("workingDirectory", OPTIONAL_TEXT),
                  m.extra()),
          h ->
              new Out(h.extra())
                  .put("target", TEXT, h.target())
                  .put("argumentFormat", OPTIONAL_TEXT, h.argumentFormat())
                  .put("workingDirectory", OPTIONAL_TEXT, h.workingDirectory())
                  .put("platforms", TEXT_LIST, h.platforms()));

  static final Kind<Restrictions.Commands> COMMANDS =
      record(
          m -> new Restrictions.Commands(m.get("mode", OPTIONAL_TEXT), m.extra()),
          c -> new Out(c.extra()).put("mode", OPTIONAL_TEXT, c.mode()));

  static final Kind<Restrictions.SettableVariables> SETTABLE_VARIABLES =
      record(
          m -> new Restrictions.SettableVariables(m.get("allowed", OPTIONAL_TEXT_LIST), m.extra()),
          s -> new Out(s.extra()).put("allowed", OPTIONAL_TEXT_LIST, s.allowed()));

  static final Kind<Restrictions> RESTRICTIONS =
      record(
          m ->
              new Restrictions(
                  m.get("commands", optionalOf(COMMANDS)),
                  m.get("settableVariables", optionalOf(SETTABLE_VARIABLES)),
                  m.extra()),
          r ->
              new Out(r.extra())
                  .put("commands", optionalOf(COMMANDS), r.commands())
                  .put("settableVariables", optionalOf(SETTABLE_VARIABLES), r.settableVariables()));

  static final Kind<DataSourceBinding> DATA_SOURCE_BINDING =
      record(
          m ->
              new DataSourceBinding(
                  m.get("target", OPTIONAL_TEXT),
                  m.get("endpointId", OPTIONAL_TEXT),
                  m.get("dataSourceName", OPTIONAL_TEXT),
                  m.get("parameters", TEXT_MAP),
                  m.get("resultTemplate", OPTIONAL_TEXT),
                  m.get("endpointUrl", OPTIONAL_TEXT),
                  m.get("resultSelector", OPTIONAL_TEXT),
                  m.get("RequestVerb", OPTIONAL_TEXT),
                  m.get("requestContent", OPTIONAL_TEXT),
                  m.get("callbackContextTemplate", OPTIONAL_TEXT),
                  m.get("callbackRequiredTemplate", OPTIONAL_TEXT),
                  m.get("initialContextTemplate", OPTIONAL_TEXT),
                  m.extra()),
          d ->
              new Out(d.extra())
                  .put("target", OPTIONAL_TEXT, d.target())
                  .put("endpointId", OPTIONAL_TEXT, d.endpointId())
                  .put("dataSourceName", OPTIONAL_TEXT, d.dataSourceName())
                  .put("endpointUrl", OPTIONAL_TEXT, d.endpointUrl())
                  .put("RequestVerb", OPTIONAL_TEXT, d.requestVerb())
                  .put("requestContent", OPTIONAL_TEXT, d.requestContent())
                  .put("resultSelector", OPTIONAL_TEXT, d.resultSelector())
                  .put("parameters", TEXT_MAP, d.parameters())
                  .put("resultTemplate", OPTIONAL_TEXT, d.resultTemplate())
                  .put("callbackContextTemplate", OPTIONAL_TEXT, d.callbackContextTemplate())
                  .put("callbackRequiredTemplate", OPTIONAL_TEXT, d.callbackRequiredTemplate())
                  .put("initialContextTemplate", OPTIONAL_TEXT, d.initialContextTemplate()));

  static final Kind<SourceDefinition> SOURCE_DEFINITION =
      record(
          m ->
              new SourceDefinition(
                  m.get("target", OPTIONAL_TEXT),
                  m.get("endpoint", OPTIONAL_TEXT),
                  m.get("selector", OPTIONAL_TEXT),
                  m.get("keySelector", OPTIONAL_TEXT),
                  m.get("authKey", OPTIONAL_TEXT),
                  m.extra()),
          s ->
              new Out(s.extra())
                  .put("target", OPTIONAL_TEXT, s.target())
                  .put("endpoint", OPTIONAL_TEXT, s.endpoint())
                  .put("selector", OPTIONAL_TEXT, s.selector())
                  .put("keySelector", OPTIONAL_TEXT, s.keySelector())
                  .put("authKey", OPTIONAL_TEXT, s.authKey()));

  static final Kind<Map<String, ExecutionHandler>> HANDLERS = mapOf(HANDLER);

  static final Kind<TaskDefinition> TASK =
      record(
          m ->
              new TaskDefinition(
                  m.get("$schema", OPTIONAL_TEXT),
                  m.get("id", TEXT),
                  m.get("name", TEXT),
                  m.get("friendlyName", TEXT),
                  m.get("description", OPTIONAL_TEXT),
                  m.get("helpUrl", OPTIONAL_TEXT),
                  m.get("helpMarkDown", OPTIONAL_TEXT),
                  m.get("category", OPTIONAL_TEXT),
                  m.get("visibility", TEXT_LIST),
                  m.get("runsOn", TEXT_LIST),
                  m.get("author", OPTIONAL_TEXT),
                  m.get("preview", OPTIONAL_BOOLEAN),
                  m.get("deprecated", OPTIONAL_BOOLEAN),
                  m.get("deprecationMessage", OPTIONAL_TEXT),
                  m.get("removalDate", OPTIONAL_TEXT),
                  m.get("showEnvironmentVariables", OPTIONAL_BOOLEAN),
                  m.get("releaseNotes", OPTIONAL_TEXT),
                  m.get("version", VERSION),
                  m.get("minimumAgentVersion", OPTIONAL_TEXT),
                  m.get("demands", TEXT_LIST),
                  m.get("groups", listOf(GROUP)),
                  m.get("inputs", listOf(INPUT)),
                  m.get("dataSourceBindings", listOf(DATA_SOURCE_BINDING)),
                  m.get("sourceDefinitions", listOf(SOURCE_DEFINITION)),
                  m.get("instanceNameFormat", TEXT),
                  m.get("outputVariables", listOf(OUTPUT_VARIABLE)),
                  m.get("prejobexecution", HANDLERS),
                  m.get("execution", HANDLERS),
                  m.get("postjobexecution", HANDLERS),
                  m.get("restrictions", optionalOf(RESTRICTIONS)),
                  m.get("messages", TEXT_MAP),
                  m.extra()),
          t ->
              new Out(t.extra())
                  .put("$schema", OPTIONAL_TEXT, t.schema())
                  .put("id", TEXT, t.id())
                  .put("name", TEXT, t.name())
                  .put("friendlyName", TEXT, t.friendlyName())
                  .put("description", OPTIONAL_TEXT, t.description())
                  .put("helpUrl", OPTIONAL_TEXT, t.helpUrl())
                  .put("helpMarkDown", OPTIONAL_TEXT, t.helpMarkDown())
                  .put("category", OPTIONAL_TEXT, t.category())
                  .put("visibility", TEXT_LIST, t.visibility())
                  .put("runsOn", TEXT_LIST, t.runsOn())
                  .put("author", OPTIONAL_TEXT, t.author())
                  .put("preview", OPTIONAL_BOOLEAN, t.preview())
                  .put("deprecated", OPTIONAL_BOOLEAN, t.deprecated())
                  .put("deprecationMessage", OPTIONAL_TEXT, t.deprecationMessage())
                  .put("removalDate", OPTIONAL_TEXT, t.removalDate())
                  .put("showEnvironmentVariables", OPTIONAL_BOOLEAN, t.showEnvironmentVariables())
                  .put("version", VERSION, t.version())
                  .put("releaseNotes", OPTIONAL_TEXT, t.releaseNotes())
                  .put("minimumAgentVersion", OPTIONAL_TEXT, t.minimumAgentVersion())
                  .put("demands", TEXT_LIST, t.demands())
                  .put("instanceNameFormat", TEXT, t.instanceNameFormat())
                  .put("groups", listOf(GROUP), t.groups())
                  .put("inputs", listOf(INPUT), t.inputs())
                  .put("dataSourceBindings", listOf(DATA_SOURCE_BINDING), t.dataSourceBindings())
                  .put("sourceDefinitions", listOf(SOURCE_DEFINITION), t.sourceDefinitions())
                  .put("outputVariables", listOf(OUTPUT_VARIABLE), t.outputVariables())
                  .put("prejobexecution", HANDLERS, t.preJobExecution())
                  .put("execution", HANDLERS, t.execution())
                  .put("postjobexecution", HANDLERS, t.postJobExecution())
                  .put("restrictions", optionalOf(RESTRICTIONS), t.restrictions())
                  .put("messages", TEXT_MAP, t.messages()));

  static final Kind<ExtensionTarget> EXTENSION_TARGET =
      record(
          m -> new ExtensionTarget(m.get("id", TEXT), m.get("version", OPTIONAL_TEXT), m.extra()),
          t ->
              new Out(t.extra())
                  .put("id", TEXT, t.id())
                  .put("version", OPTIONAL_TEXT, t.version()));

  static final Kind<ExtensionFile> EXTENSION_FILE =
      record(
          m ->
              new ExtensionFile(
                  m.get("path", TEXT),
                  m.get("addressable", OPTIONAL_BOOLEAN),
                  m.get("packagePath", OPTIONAL_TEXT),
                  m.get("contentType", OPTIONAL_TEXT),
                  m.extra()),
          f ->
              new Out(f.extra())
                  .put("path", TEXT, f.path())
                  .put("addressable", OPTIONAL_BOOLEAN, f.addressable())
                  .put("packagePath", OPTIONAL_TEXT, f.packagePath())
                  .put("contentType", OPTIONAL_TEXT, f.contentType()));

  static final Kind<ExtensionContribution> CONTRIBUTION =
      record(
          m ->
              new ExtensionContribution(
                  m.get("id", TEXT),
                  m.get("type", TEXT),
                  m.get("description", OPTIONAL_TEXT),
                  m.get("targets", TEXT_LIST),
                  m.get("properties", RAW_MAP),
                  m.extra()),
          c ->
              new Out(c.extra())
                  .put("id", TEXT, c.id())
                  .put("type", TEXT, c.type())
                  .put("description", OPTIONAL_TEXT, c.description())
                  .put("targets", TEXT_LIST, c.targets())
                  .put("properties", RAW_MAP, c.properties()));

  static final Kind<ExtensionManifest> EXTENSION =
      record(
          m ->
              new ExtensionManifest(
                  m.get("manifestVersion", INT_OR_ABSENT),
                  m.get("id", TEXT),
                  m.get("publisher", TEXT),
                  m.get("version", TEXT),
                  m.get("name", TEXT),
                  m.get("description", OPTIONAL_TEXT),
                  m.get("categories", TEXT_LIST),
                  m.get("tags", TEXT_LIST),
                  m.get("public", OPTIONAL_BOOLEAN),
                  m.get("targets", listOf(EXTENSION_TARGET)),
                  m.get("icons", TEXT_MAP),
                  m.get("scopes", TEXT_LIST),
                  m.get("files", listOf(EXTENSION_FILE)),
                  m.get("contributions", listOf(CONTRIBUTION)),
                  m.extra()),
          e ->
              new Out(e.extra())
                  .put("manifestVersion", INT_OR_ABSENT, e.manifestVersion())
                  .put("id", TEXT, e.id())
                  .put("publisher", TEXT, e.publisher())
                  .put("version", TEXT, e.version())
                  .put("name", TEXT, e.name())
                  .put("description", OPTIONAL_TEXT, e.description())
                  .put("public", OPTIONAL_BOOLEAN, e.isPublic())
                  .put("categories", TEXT_LIST, e.categories())
                  .put("tags", TEXT_LIST, e.tags())
                  .put("targets", listOf(EXTENSION_TARGET), e.targets())
                  .put("icons", TEXT_MAP, e.icons())
                  .put("scopes", TEXT_LIST, e.scopes())
                  .put("files", listOf(EXTENSION_FILE), e.files())
                  .put("contributions", listOf(CONTRIBUTION), e.contributions()));

  /** The task model of a parsed task.json tree, which must be an object. */
  public static TaskDefinition readTask(JsonNode tree) {
    return TASK.read(tree);
  }

  /** The task.json tree of a model. */
  public static ObjectNode writeTask(TaskDefinition task) {
    return (ObjectNode) TASK.write(task);
  }

  /** The extension model of a parsed vss-extension.json tree, which must be an object. */
  public static ExtensionManifest readExtension(JsonNode tree) {
    return EXTENSION.read(tree);
  }

  /** The vss-extension.json tree of a model. */
  public static ObjectNode writeExtension(ExtensionManifest manifest) {
    return (ObjectNode) EXTENSION.write(manifest);
  }
}
