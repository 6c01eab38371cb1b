package io.pipelinetasks.task.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.Demo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each scheme in a real task process, as the agent runs it. Managed identity can only be tested
 * this way: MSAL reads the managed-identity endpoint from the process environment. The raw output
 * holds no secret, in any form the masker knows.
 */
class ProcessLevelConnectionsIT {
  private static AzureEmulator azure;

  @BeforeAll
  static void start() {
    azure = AzureEmulator.builder().demo().start();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo-msi", "demo-wif", "demo-secret", "demo-cert"})
  void aTaskProcessSignsInWithEachScheme(String connection, @TempDir Path temp) throws Exception {
    Map<String, String> env = new TreeMap<>(azure.agentEnvironment());
    env.putAll(azure.managedIdentityEnvironment());
    env.put("PATH", System.getenv("PATH"));
    env.put("AGENT_TEMPDIRECTORY", temp.toString());
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                ProbeTask.class.getName(),
                connection));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isZero();
    assertThat(output)
        .contains("subscriptions: ")
        .contains("contains demo-sub: true")
        .contains("##vso[task.complete result=Succeeded;]");
    String pem = env.get("ENDPOINT_AUTH_PARAMETER_demo-cert_SERVICEPRINCIPALCERTIFICATE");
    String keyLine = pem.substring(pem.indexOf("PRIVATE KEY-----") + 17).split("\n")[1];
    assertThat(output)
        .doesNotContain(Demo.CLIENT_SECRET, keyLine, env.get("SECRET_SYSTEM_ACCESSTOKEN"));
    for (String line : output.split("\n")) {
      if (line.startsWith("##vso[task.setsecret]")) {
        continue;
      }
      assertThat(line).doesNotContain("eyJ");
    }
  }
}
