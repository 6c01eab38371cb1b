package io.pipelinetasks.taskjson.codegen;

import io.pipelinetasks.taskjson.InputKind;
import io.pipelinetasks.taskjson.InputSpec;
import io.pipelinetasks.taskjson.TaskDefinition;
import io.pipelinetasks.taskjson.TaskInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Writes the Java source of a typed inputs record. Every type outside the record is written fully
 * qualified, so an input or option named like a JDK type cannot shadow it.
 */
final class RecordSource {
  /** Why the record cannot be generated; reported as a compile error. */
  static final class GenerationException extends Exception {
    private static final long serialVersionUID = 1L;

    GenerationException(String message) {
      super(message);
    }
  }

  private static final String SPEC = "io.pipelinetasks.taskjson.InputSpec";
  private static final String STRING = "java.lang.String";
  private static final String OPTIONAL = "java.util.Optional";
  private static final String LIST = "java.util.List";

  // Accessors a record or this generator already defines, and the first segments of the qualified
  // names used in expressions (a component named "java" would obscure java.util.List.of); an input
  // with one of these names gets a trailing underscore.
  private static final Set<String> RESERVED =
      Set.of(
          "java",
          "io",
          "bind",
          "inputSpecs",
          "redact",
          "hashCode",
          "toString",
          "equals",
          "getClass",
          "notify",
          "notifyAll",
          "wait",
          "clone",
          "finalize",
          "SPECS",
          "TASK_ID",
          "TASK_NAME",
          "TASK_VERSION");

  private record Member(
      InputSpec spec, TaskInput input, String accessor, String enumName, String type) {}

  private final String packageName;
  private final String className;
  private final TaskDefinition task;
  private final String sourceName;
  private final Set<String> patterns;
  private final List<Member> members = new ArrayList<>();
  private final Map<String, Map<String, String>> enumConstants = new HashMap<>();

  RecordSource(String packageName, String className, TaskDefinition task, String sourceName)
      throws GenerationException {
    this(packageName, className, task, sourceName, Set.of());
  }

  RecordSource(
      String packageName,
      String className,
      TaskDefinition task,
      String sourceName,
      Set<String> patterns)
      throws GenerationException {
    this.packageName = packageName;
    this.className = className;
    this.task = task;
    this.sourceName = sourceName;
    this.patterns = patterns;
    plan();
  }

  /** The specs, with pattern inputs bound as text rather than converted to a path. */
  private List<InputSpec> specs() throws GenerationException {
    List<InputSpec> specs = new ArrayList<>();
    Set<String> unused = new HashSet<>(patterns);
    for (InputSpec spec : task.inputSpecs()) {
      if (unused.remove(spec.name())) {
        if (spec.kind() != InputKind.FILE_PATH) {
          throw new GenerationException(
              "patterns names input \"" + spec.name() + "\", which is not a filePath input");
        }
        spec =
            new InputSpec(
                spec.name(),
                "string",
                spec.aliases(),
                spec.defaultValue(),
                spec.required(),
                spec.visibleRule(),
                spec.groupVisibleRule(),
                spec.options(),
                spec.editableOptions(),
                spec.multiSelect());
      }
      specs.add(spec);
    }
    if (!unused.isEmpty()) {
      throw new GenerationException("patterns names inputs task.json does not have: " + unused);
    }
    return specs;
  }

  private void plan() throws GenerationException {
    Map<String, String> accessors = new HashMap<>();
    List<InputSpec> specs = specs();
    for (InputSpec spec : specs) {
      String accessor = javaName(spec.name());
      String clash = accessors.putIfAbsent(accessor, spec.name());
      if (clash != null) {
        throw new GenerationException(
            "inputs \""
                + clash
                + "\" and \""
                + spec.name()
                + "\" both become the Java name "
                + accessor
                + "; rename one of them");
      }
    }
    // In static code a component obscures a nested type of the same name (an input called
    // "KeyVaultName" would hide enum KeyVaultName), so enum names avoid every accessor.
    Set<String> typeNames = new HashSet<>(accessors.keySet());
    typeNames.add(className);
    for (int i = 0; i < specs.size(); i++) {
      InputSpec spec = specs.get(i);
      TaskInput input = task.inputs().get(i);
      String accessor = javaName(spec.name());
      String enumName = null;
      String type;
      switch (spec.kind()) {
        case OPTION -> {
          enumName = typeName(accessor, typeNames);
          enumConstants.put(spec.name(), constants(spec));
          checkOptionDefault(spec);
          type = spec.alwaysHasValue() ? enumName : OPTIONAL + "<" + enumName + ">";
        }
        case BOOLEAN -> type = "boolean";
        case INTEGER -> {
          checkIntegerDefault(spec);
          type = spec.alwaysHasValue() ? "int" : "java.util.OptionalInt";
        }
        case STRING -> type = wrap(spec, STRING);
        case FILE_PATH -> type = wrap(spec, "java.nio.file.Path");
        case SECURE_FILE -> type = wrap(spec, "io.pipelinetasks.taskjson.SecureFileRef");
        case CONNECTED_SERVICE -> type = wrap(spec, "io.pipelinetasks.taskjson.EndpointRef");
        default -> throw new AssertionError(spec.kind());
      }
      members.add(new Member(spec, input, accessor, enumName, type));
    }
  }

  private static String wrap(InputSpec spec, String type) {
    return spec.alwaysHasValue() ? type : OPTIONAL + "<" + type + ">";
  }

  private static void checkOptionDefault(InputSpec spec) throws GenerationException {
    String value = spec.defaultValue().strip();
    if (!value.isEmpty() && spec.options().stream().noneMatch(o -> o.equalsIgnoreCase(value))) {
      throw new GenerationException(
          "input \""
              + spec.name()
              + "\": defaultValue \""
              + value
              + "\" is not one of its options "
              + spec.options()
              + ", so binding would fail whenever the input is not set; use an option key or set"
              + " properties.EditableOptions to \"True\"");
    }
  }

  private static void checkIntegerDefault(InputSpec spec) throws GenerationException {
    String value = spec.defaultValue().strip();
    if (value.isEmpty()) {
      return;
    }
    try {
      Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new GenerationException(
          "input \""
              + spec.name()
              + "\": defaultValue \""
              + value
              + "\" is not a whole number, so binding would fail whenever the input is not set");
    }
  }

  String qualifiedName() {
    return packageName.isEmpty() ? className : packageName + "." + className;
  }

  String render() {
    StringBuilder out = new StringBuilder(8192);
    if (!packageName.isEmpty()) {
      out.append("package ").append(packageName).append(";\n\n");
    }
    out.append("/**\n")
        .append(" * The inputs of task ")
        .append(doc(task.name()))
        .append(' ')
        .append(task.version())
        .append(", typed from {@code ")
        .append(doc(sourceName))
        .append("}.\n *\n")
        .append(
            " * <p>Generated by the pipelinetasks TaskInputs annotation processor; do not edit.")
        .append(" Create it with\n * {@link #bind(io.pipelinetasks.taskjson.InputSource)}.")
        .append(" An input that may have no value is an {@code\n * Optional}.\n *\n");
    for (Member m : members) {
      out.append(" * @param ").append(m.accessor()).append(' ').append(describe(m)).append('\n');
    }
    out.append(" */\n")
        .append("@javax.annotation.processing.Generated(\"")
        .append(TaskInputsProcessor.class.getName())
        .append("\")\n")
        .append("public record ")
        .append(className)
        .append("(");
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      out.append(i == 0 ? "\n    " : ",\n    ").append(m.type()).append(' ').append(m.accessor());
    }
    out.append(") {\n\n");
    constants(out);
    specs(out);
    bind(out);
    toStringMethod(out);
    for (Member m : members) {
      if (m.enumName() != null) {
        enumType(out, m);
      }
    }
    out.append("}\n");
    return out.toString();
  }

  private void constants(StringBuilder out) {
    out.append("  /** The task id from task.json. */\n")
        .append("  public static final " + STRING + " TASK_ID = ")
        .append(literal(task.id()))
        .append(";\n\n")
        .append("  /** The task name from task.json. */\n")
        .append("  public static final " + STRING + " TASK_NAME = ")
        .append(literal(task.name()))
        .append(";\n\n")
        .append("  /** The task version from task.json, Major.Minor.Patch. */\n")
        .append("  public static final " + STRING + " TASK_VERSION = ")
        .append(literal(task.version().toString()))
        .append(";\n\n");
  }

  private void specs(StringBuilder out) {
    out.append("  private static final " + LIST + "<" + SPEC + "> SPECS =\n")
        .append("      " + LIST + ".of(");
    for (int i = 0; i < members.size(); i++) {
      InputSpec s = members.get(i).spec();
      out.append(i == 0 ? "\n" : ",\n")
          .append("          new " + SPEC + "(\n")
          .append("              ")
          .append(literal(s.name()))
          .append(",\n              ")
          .append(literal(s.type()))
          .append(",\n              ")
          .append(listLiteral(s.aliases()))
          .append(",\n              ")
          .append(literal(s.defaultValue()))
          .append(",\n              ")
          .append(s.required())
          .append(",\n              ")
          .append(literal(s.visibleRule()))
          .append(",\n              ")
          .append(literal(s.groupVisibleRule()))
          .append(",\n              ")
          .append(listLiteral(s.options()))
          .append(",\n              ")
          .append(s.editableOptions())
          .append(",\n              ")
          .append(s.multiSelect())
          .append(")");
    }
    out.append(");\n\n")
        .append("  /** What input binding knows about each input, in task.json order. */\n")
        .append("  public static " + LIST + "<" + SPEC + "> inputSpecs() {\n")
        .append("    return SPECS;\n")
        .append("  }\n\n");
  }

  private void bind(StringBuilder out) {
    out.append("  /**\n")
        .append("   * Binds the inputs: defaults, required inputs, visibleRules and conversions.\n")
        .append("   *\n")
        .append("   * @param source the raw values, usually the agent's INPUT_* environment\n")
        .append("   * @throws io.pipelinetasks.taskjson.InputException for a missing or invalid")
        .append(" input\n")
        .append("   */\n")
        .append("  public static ")
        .append(className)
        .append(" bind(io.pipelinetasks.taskjson.InputSource source) {\n");
    if (members.isEmpty()) {
      out.append("    io.pipelinetasks.taskjson.InputBinder.bind(SPECS, source);\n")
          .append("    return new ")
          .append(className)
          .append("();\n  }\n\n");
      return;
    }
    out.append("    io.pipelinetasks.taskjson.BoundInputs in =\n")
        .append("        io.pipelinetasks.taskjson.InputBinder.bind(SPECS, source);\n")
        .append("    return new ")
        .append(className)
        .append("(");
    for (int i = 0; i < members.size(); i++) {
      out.append(i == 0 ? "\n        " : ",\n        ").append(read(members.get(i)));
    }
    out.append(");\n  }\n\n");
  }

  private static String read(Member m) {
    InputSpec spec = m.spec();
    String name = literal(spec.name());
    boolean plain = spec.alwaysHasValue();
    InputKind kind = spec.kind();
    return switch (kind) {
      case BOOLEAN -> "in.bool(" + name + ")";
      case INTEGER -> plain ? "in.integer(" + name + ").getAsInt()" : "in.integer(" + name + ")";
      case OPTION ->
          plain
              ? m.enumName() + ".fromValue(in.option(" + name + ").orElseThrow())"
              : m.enumName() + ".fromOptional(in.option(" + name + "))";
      case STRING -> orElseThrow("in.text(" + name + ")", plain);
      case FILE_PATH -> orElseThrow("in.path(" + name + ")", plain);
      case SECURE_FILE -> orElseThrow("in.secureFile(" + name + ")", plain);
      case CONNECTED_SERVICE -> orElseThrow("in.endpoint(" + name + ")", plain);
    };
  }

  private static String orElseThrow(String expression, boolean plain) {
    return plain ? expression + ".orElseThrow()" : expression;
  }

  private void toStringMethod(StringBuilder out) {
    out.append("  /**\n")
        .append("   * Shows booleans, numbers, options and ids; text and paths show as ***,")
        .append(" because inputs can\n")
        .append("   * hold secrets.\n")
        .append("   */\n")
        .append("  @java.lang.Override\n")
        .append("  public " + STRING + " toString() {\n")
        .append("    return \"")
        .append(className)
        .append("[\"");
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      boolean text = m.spec().kind() == InputKind.STRING || m.spec().kind() == InputKind.FILE_PATH;
      out.append("\n        + \"")
          .append(i == 0 ? "" : ", ")
          .append(m.accessor())
          .append("=\" + ")
          .append(text ? "redact(" + m.accessor() + ")" : m.accessor());
    }
    out.append("\n        + \"]\";\n  }\n\n");
    out.append("  private static " + STRING + " redact(java.lang.Object value) {\n")
        .append("    if (value instanceof " + OPTIONAL + "<?> optional) {\n")
        .append("      return optional.isPresent() ? \"Optional[***]\" : \"Optional.empty\";\n")
        .append("    }\n")
        .append("    return value.toString().isEmpty() ? \"\" : \"***\";\n")
        .append("  }\n");
  }

  private void enumType(StringBuilder out, Member m) {
    Map<String, String> constants = enumConstants.get(m.spec().name());
    out.append("\n  /** The options of input {@code ")
        .append(doc(m.spec().name()))
        .append("}; {@link #value()} is the option key. */\n")
        .append("  public enum ")
        .append(m.enumName())
        .append(" {");
    int i = 0;
    for (Map.Entry<String, String> e : constants.entrySet()) {
      String label = m.input().options().getOrDefault(e.getKey(), "");
      out.append(i++ == 0 ? "\n" : ",\n")
          .append("    /** {@code ")
          .append(doc(e.getKey()))
          .append("}")
          .append(label.isEmpty() ? "" : ": " + doc(label))
          .append(" */\n")
          .append("    ")
          .append(e.getValue())
          .append("(")
          .append(literal(e.getKey()))
          .append(")");
    }
    out.append(";\n\n")
        .append("    private final " + STRING + " value;\n\n")
        .append("    ")
        .append(m.enumName())
        .append("(" + STRING + " value) {\n")
        .append("      this.value = value;\n")
        .append("    }\n\n")
        .append("    /** The option key as task.json writes it. */\n")
        .append("    public " + STRING + " value() {\n")
        .append("      return value;\n")
        .append("    }\n\n")
        .append("    static ")
        .append(m.enumName())
        .append(" fromValue(" + STRING + " value) {\n")
        .append("      for (")
        .append(m.enumName())
        .append(" option : values()) {\n")
        .append("        if (option.value.equals(value)) {\n")
        .append("          return option;\n")
        .append("        }\n")
        .append("      }\n")
        .append("      throw new java.lang.IllegalArgumentException(\"not an option key\");\n")
        .append("    }\n\n")
        // Not Optional.map(X::fromValue): binding runs at every task's start-up, and a method
        // reference spins a class the first time it is used.
        .append("    static " + OPTIONAL + "<")
        .append(m.enumName())
        .append("> fromOptional(" + OPTIONAL + "<" + STRING + "> value) {\n")
        .append("      return value.isPresent() ? " + OPTIONAL + ".of(fromValue(value.get())) : ")
        .append(OPTIONAL + ".empty();\n")
        .append("    }\n")
        .append("  }\n");
  }

  private String describe(Member m) {
    InputSpec s = m.spec();
    StringBuilder d = new StringBuilder();
    d.append(doc(m.input().label().isEmpty() ? s.name() : m.input().label()));
    d.append(" ({@code ").append(doc(s.type())).append('}');
    if (!s.name().equals(m.accessor())) {
      d.append(", input {@code ").append(doc(s.name())).append('}');
    }
    if (!s.defaultValue().isBlank()) {
      d.append(", default {@code ").append(doc(s.defaultValue())).append('}');
    }
    String rule =
        String.join(
            " && ",
            java.util.stream.Stream.of(s.visibleRule(), s.groupVisibleRule())
                .filter(r -> !r.isBlank())
                .toList());
    if (s.required()) {
      d.append(rule.isEmpty() ? ", required" : ", required when {@code " + doc(rule) + "}");
    } else if (!rule.isEmpty()) {
      d.append(", shown when {@code ").append(doc(rule)).append('}');
    }
    return d.append(')').toString();
  }

  // ---------------------------------------------------------------- names

  /**
   * A Java identifier for an input name: characters Java does not allow become {@code _}, a leading
   * digit gets a {@code _} in front, keywords and names the record already uses get a trailing
   * {@code _} ({@code package} becomes {@code package_}).
   */
  static String javaName(String name) {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (id.length() == 0 && !Character.isJavaIdentifierStart(c)) {
        id.append('_');
        if (Character.isJavaIdentifierPart(c)) {
          id.append(c);
        }
        continue;
      }
      id.append(Character.isJavaIdentifierPart(c) ? c : '_');
    }
    String result = id.toString();
    if (SourceVersion.isKeyword(result) || RESERVED.contains(result) || result.equals("_")) {
      result = result + "_";
    }
    return result;
  }

  private static String typeName(String accessor, Set<String> taken) {
    String base = accessor.endsWith("_") ? accessor.substring(0, accessor.length() - 1) : accessor;
    String name = Character.toUpperCase(base.charAt(0)) + base.substring(1);
    while (!taken.add(name) || SourceVersion.isKeyword(name)) {
      name = name + "Option";
    }
    return name;
  }

  /** Enum constant names for the option keys, in option order. */
  private static Map<String, String> constants(InputSpec spec) {
    Map<String, String> constants = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    int index = 0;
    for (String option : spec.options()) {
      index++;
      if (option.isEmpty()) {
        // An empty option key means "no value", which binds as Optional.empty().
        continue;
      }
      String base = constantName(option);
      if (base.isEmpty()) {
        base = "OPTION_" + index;
      } else if (!Character.isJavaIdentifierStart(base.charAt(0))) {
        base = "_" + base;
      }
      String name = base;
      for (int n = 2; !used.add(name); n++) {
        name = base + "_" + n;
      }
      constants.put(option, name);
    }
    return constants;
  }

  /**
   * {@code inlineScript} becomes {@code INLINE_SCRIPT}, {@code DOTNETCORE|8.0} {@code
   * DOTNETCORE_8_0}.
   */
  static String constantName(String option) {
    StringBuilder out = new StringBuilder();
    char previous = 0;
    for (int i = 0; i < option.length(); i++) {
      char c = option.charAt(i);
      if (c < 128 && Character.isLetterOrDigit(c)) {
        if (Character.isUpperCase(c)
            && (Character.isLowerCase(previous) || Character.isDigit(previous))) {
          out.append('_');
        }
        out.append(Character.toUpperCase(c));
      } else if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
      previous = c;
    }
    while (out.length() > 0 && out.charAt(out.length() - 1) == '_') {
      out.setLength(out.length() - 1);
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  // ---------------------------------------------------------------- literals

  static String literal(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String listLiteral(List<String> values) {
    StringBuilder out = new StringBuilder(LIST + ".of(");
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(literal(values.get(i)));
    }
    return out.append(')').toString();
  }

  /**
   * Text safe inside a javadoc comment: no comment end and no unicode escapes (javac decodes them
   * even in comments); markup characters are escaped so labels read as written.
   */
  static String doc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '@' -> out.append("&#64;");
        case '\\' -> out.append("&#92;");
        case '/' -> out.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c < 0x20 ? ' ' : c);
      }
    }
    return out.toString();
  }
}
