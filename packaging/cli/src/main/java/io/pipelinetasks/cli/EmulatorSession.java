package io.pipelinetasks.cli;

import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.DemoConnection;
import io.pipelinetasks.packaging.Launcher;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Azure emulator for a local run: started in this process with the demo organisation, and wired
 * into a {@link LocalPipeline}.
 *
 * <p>The task JVM reaches the emulator's host names ({@code demo-kv.vault.azure.net}, ...) through
 * its hosts file, passed as {@code -Djdk.net.hosts.file} in {@code PIPELINETASKS_JVM_OPTIONS},
 * which the launcher appends to the JVM's options; {@code JDK_JAVA_OPTIONS} would work too but
 * makes the JDK print a "Picked up" line into the task's output. The emulator's CA arrives as
 * {@code Agent.CAInfo} ({@code AGENT_CAINFO}), which the SDK trusts, and for the real {@code az} as
 * {@code REQUESTS_CA_BUNDLE}.
 */
final class EmulatorSession implements AutoCloseable {
  private final AzureEmulator emulator;

  private EmulatorSession(AzureEmulator emulator) {
    this.emulator = emulator;
  }

  static EmulatorSession start(PrintWriter out) {
    AzureEmulator emulator = AzureEmulator.builder().demo().start();
    out.println(
        "[ptask] Azure emulator on "
            + emulator.baseUrl()
            + " with the demo organisation (connections demo-wif, demo-secret, demo-cert, demo-msi)");
    out.flush();
    return new EmulatorSession(emulator);
  }

  AzureEmulator emulator() {
    return emulator;
  }

  void wire(LocalPipeline pipeline) {
    Map<String, String> names = new LinkedHashMap<>();
    for (DemoConnection connection : DemoConnection.values()) {
      names.put(connection.connectionId(), connection.connectionName());
    }
    pipeline.adoptAgentEnvironment(emulator.agentEnvironment(), names);
    emulator.azureCliEnvironment().forEach(pipeline::putEnvironment);
    emulator.managedIdentityEnvironment().forEach(pipeline::putEnvironment);
    pipeline.putEnvironment(
        Launcher.JVM_OPTIONS_VARIABLE, "-Djdk.net.hosts.file=" + emulator.hostsFile());
  }

  @Override
  public void close() {
    emulator.close();
  }
}
