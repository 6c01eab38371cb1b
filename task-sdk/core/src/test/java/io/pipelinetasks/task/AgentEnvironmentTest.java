package io.pipelinetasks.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.taskjson.InputException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference fixture of agent-contract.md 2.6, read the way the table there says. */
class AgentEnvironmentTest {
  private final AgentEnvironment env = AgentEnvironment.of(Fixture.environment());
  private final TaskContext context =
      Recording.context(Fixture.environment(), new Recording(new SecretMasker()));

  @Test
  void inputsAreNotTrimmedAndEmptyCountsAsMissingWhenRequired() {
    assertThat(context.input("inlineScript")).contains("  echo hi  ");
    assertThat(context.input("my.input name")).contains("dotted and spaced");
    assertThatThrownBy(() -> context.requiredInput("emptyInput"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith("Input required: emptyInput");
    assertThatThrownBy(() -> context.requiredInput("missing"))
        .hasMessageStartingWith("Input required: missing");
  }

  @Test
  void onlyTrueInAnyCaseIsTrue() {
    assertThat(context.boolInput("failOnStandardError")).isTrue();
    assertThat(context.boolInput("yesInput")).isFalse();
    assertThat(context.boolInput("missing")).isFalse();
  }

  @Test
  void delimitedInputsDropEmptyItemsAndDoNotTrim() {
    assertThat(context.delimitedInput("targets", ",")).containsExactly("a", "b;c");
    assertThat(context.delimitedInput("targets", java.util.regex.Pattern.compile("[,;]")))
        .containsExactly("a", "b", "c");
  }

  @Test
  void endpointsAreFoundWhateverTheCaseOfTheirId() {
    Endpoint upper = context.endpoint(Fixture.SP.toUpperCase(Locale.ROOT));
    assertThat(upper.url()).contains("https://management.azure.com/");
    assertThat(upper.scheme()).contains("ServicePrincipal");
    assertThat(upper.dataParameter("SUBSCRIPTIONID")).contains("sub-1");
    assertThat(upper.authParameter("ServicePrincipalKey").map(Secret::reveal))
        .contains("spKey-s3cr3t");
    assertThat(context.systemConnection().authParameter("AccessToken").map(Secret::reveal))
        .contains("eyJ0eXAiOiJKV1Qi.fake.token");
  }

  @Test
  void aMissingAuthParameterIsANamedError() {
    assertThatThrownBy(
            () -> context.endpoint(Fixture.WIF).requireAuthParameter("serviceprincipalkey"))
        .isInstanceOf(EndpointException.class)
        .hasMessageContaining(Fixture.WIF)
        .hasMessageContaining("serviceprincipalkey");
    assertThatThrownBy(() -> context.endpoint("00000000-0000-0000-0000-000000000000"))
        .isInstanceOf(EndpointException.class)
        .hasMessageContaining("was not passed to the task");
  }

  @Test
  void secretVariablesAndTaskVariablesReadAsTheNodeLibraryReadsThem() {
    assertThat(context.variable("System.AccessToken")).contains("eyJ0eXAiOiJKV1Qi.fake.token");
    assertThat(context.isSecretVariable("mysecret")).isTrue();
    assertThat(context.variable("Agent.Version")).contains("4.260.0");
    assertThat(context.taskVariable("wrapperState")).contains("phase one");
    assertThat(context.accessToken().map(Secret::reveal)).contains("eyJ0eXAiOiJKV1Qi.fake.token");
  }

  @Test
  void agentAndSystemFactsComeFromTheirVariables() {
    assertThat(env.agent().hosted()).isFalse();
    assertThat(env.system().collectionUri()).contains("https://dev.azure.com/contoso/");
    assertThat(env.system().hostType()).contains("build");
    assertThat(env.system().planId()).contains("0e5f9c3a-0000-4000-8000-000000000002");
    assertThat(env.system().culture()).isEqualTo("en-US");
    assertThat(env.secureFile(Fixture.SECURE_FILE).flatMap(SecureFile::name))
        .contains("signing.p12");
  }

  @Test
  void everySecretTheAgentPassedIsRegisteredButNotTheNonSecretKeys() {
    assertThat(env.secretValues())
        .contains(
            "hunter2", "eyJ0eXAiOiJKV1Qi.fake.token", "proxy-pass", "spKey-s3cr3t", "ticket-abc")
        .doesNotContain(
            "spId-1",
            "tenant-1",
            "spnKey",
            "ServicePrincipal",
            "sc://contoso/proj/wif-conn",
            "https://vstoken.dev.azure.com/org-guid");
  }

  @Test
  void theProxyCarriesItsCredentialsAndHonoursTheBypassList() {
    HttpSettings http = context.http();
    assertThat(http.proxy().orElseThrow().formattedUrl().reveal())
        .isEqualTo("http://proxyuser:proxy-pass@proxy.contoso.local:8888");
    assertThat(http.proxyFor(URI.create("https://internal.contoso.local/x"))).isEmpty();
    assertThat(http.proxyFor(URI.create("https://management.azure.com/"))).isPresent();
    assertThat(http.proxy().orElseThrow().toString()).doesNotContain("proxy-pass");
  }

  @Test
  void aMalformedVariableListIsANamedError() {
    Map<String, String> broken = Fixture.environment();
    broken.put("VSTS_PUBLIC_VARIABLES", "[not json");
    assertThatThrownBy(() -> AgentEnvironment.of(broken))
        .isInstanceOf(TaskException.class)
        .hasMessageStartingWith("VSTS_PUBLIC_VARIABLES is not a JSON array");
  }

  @Test
  void aMalformedEndpointAuthorizationNamesTheEndpointAndNeverEchoesTheValue() {
    Map<String, String> broken = new java.util.HashMap<>();
    String id = "11111111-2222-3333-4444-555555555555";
    broken.put("ENDPOINT_URL_" + id, "https://management.azure.com/");
    broken.put("ENDPOINT_AUTH_" + id, "{\"parameters\":{\"serviceprincipalkey\":\"leak-me-not\"");
    AgentEnvironment environment = AgentEnvironment.of(broken);
    assertThatThrownBy(() -> environment.endpoint(id))
        .isInstanceOf(EndpointException.class)
        .hasMessageContaining(id)
        .hasMessageContaining("not a valid JSON object")
        .hasMessageNotContaining("leak-me-not");
    assertThat(environment.secretValues()).anyMatch(v -> v.contains("leak-me-not"));
  }
}
