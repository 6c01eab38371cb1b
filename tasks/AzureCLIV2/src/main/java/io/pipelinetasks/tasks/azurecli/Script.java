package io.pipelinetasks.tasks.azurecli;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.task.CommandLine;
import io.pipelinetasks.task.TaskContext;
import io.pipelinetasks.tasks.azurecli.AzureCliInputs.ScriptType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The user's script, ready to run: inline scripts written to owner-only temporary files, and the
 * command that runs each script type the way the official task does (azure-cli-task.md section 4).
 *
 * @param tool the program to start: bash, pwsh, powershell, or the batch file itself
 * @param arguments its arguments
 */
record Script(String tool, List<String> arguments) {
  private static final String PREFIX = "azureclitaskscript";

  /** Prepares the script of a run. */
  static Script prepare(TaskContext context, AzureCliInputs inputs, boolean windows) {
    ScriptType type = inputs.scriptType();
    if (!windows && (type == ScriptType.PS || type == ScriptType.BATCH)) {
      throw new TaskException(
          "WindowsOnlyScriptType", context.loc("WindowsOnlyScriptType", type.value()));
    }
    boolean inline = inputs.scriptLocation() == AzureCliInputs.ScriptLocation.INLINE_SCRIPT;
    String arguments = inputs.scriptArguments().orElse("");
    return switch (type) {
      case BASH -> {
        Path file =
            inline
                ? context.tempFiles().writeFile(PREFIX, ".sh", inlineScript(inputs))
                : scriptFile(context, inputs, type, List.of(".sh"));
        List<String> args = new ArrayList<>(List.of(file.toString()));
        args.addAll(CommandLine.split(arguments));
        yield new Script("bash", args);
      }
      case BATCH -> {
        Path file =
            inline
                ? context.tempFiles().writeFile(PREFIX, ".bat", inlineScript(inputs))
                : scriptFile(context, inputs, type, List.of(".bat", ".cmd"));
        yield new Script(file.toString(), CommandLine.split(arguments));
      }
      case PS, PSCORE -> {
        Path user =
            inline
                ? context.tempFiles().writeFile(PREFIX, "_inlinescript.ps1", inlineScript(inputs))
                : scriptFile(context, inputs, type, List.of(".ps1"));
        String wrapper = powerShellWrapper(inputs, user, arguments, windows);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = wrapper.getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, content, 0, bom.length);
        System.arraycopy(text, 0, content, bom.length, text.length);
        Path file = context.tempFiles().writeFile(PREFIX, ".ps1", content);
        yield new Script(
            type == ScriptType.PS ? "powershell" : "pwsh",
            List.of(
                "-NoLogo",
                "-NoProfile",
                "-NonInteractive",
                "-ExecutionPolicy",
                "Unrestricted",
                "-Command",
                ". '" + file.toString().replace("'", "''") + "'"));
      }
    };
  }

  /**
   * The PowerShell wrapper: error preference, error view, the user's script with its arguments,
   * then unless told otherwise the exit code of the last native command.
   */
  static String powerShellWrapper(
      AzureCliInputs inputs, Path userScript, String arguments, boolean windows) {
    String eol = windows ? "\r\n" : "\n";
    List<String> lines = new ArrayList<>();
    lines.add(
        "$ErrorActionPreference = '" + inputs.powerShellErrorActionPreference().value() + "'");
    lines.add("$ErrorView = 'NormalView'");
    lines.add((". '" + userScript.toString().replace("'", "''") + "' " + arguments).trim());
    if (!inputs.powerShellIgnoreLASTEXITCODE()) {
      lines.add("if (!(Test-Path -LiteralPath variable:\\LASTEXITCODE)) {");
      lines.add("    Write-Host '##vso[task.debug]$LASTEXITCODE is not set.'");
      lines.add("} else {");
      lines.add("    Write-Host ('##vso[task.debug]$LASTEXITCODE: ' + $LASTEXITCODE)");
      lines.add("    exit $LASTEXITCODE");
      lines.add("}");
    }
    return String.join(eol, lines) + eol;
  }

  private static String inlineScript(AzureCliInputs inputs) {
    return inputs.inlineScript().orElse("");
  }

  private static Path scriptFile(
      TaskContext context, AzureCliInputs inputs, ScriptType type, List<String> extensions) {
    Path configured = inputs.scriptPath().orElse(Path.of(""));
    Path file =
        configured.isAbsolute()
            ? configured
            : context
                .system()
                .defaultWorkingDirectory()
                .orElse(Path.of("").toAbsolutePath())
                .resolve(configured);
    if (configured.toString().isEmpty() || !Files.isRegularFile(file)) {
      throw new TaskException("JS_InvalidFilePath", context.loc("JS_InvalidFilePath", file));
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (extensions.stream().noneMatch(name::endsWith)) {
      throw new TaskException(
          "ScriptExtensionMismatch",
          context.loc(
              "ScriptExtensionMismatch", file, type.value(), String.join(", ", extensions)));
    }
    return file;
  }
}
