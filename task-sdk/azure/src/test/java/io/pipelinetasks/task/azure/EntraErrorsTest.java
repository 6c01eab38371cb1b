package io.pipelinetasks.task.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntraErrorsTest {
  private static final AzureCloud CLOUD = AzureCloud.builtIn("AzureCloud").orElseThrow();
  private static final ConnectionScope SCOPE =
      new ConnectionScope(
          ScopeLevel.Subscription,
          Optional.of("s"),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
  private static final AzureRmConnection WIF =
      new AzureRmConnection.WorkloadIdentityFederation(
          "demo-wif",
          "tenant-1",
          "app-1",
          Optional.of("https://vstoken.dev.azure.com/org-id"),
          Optional.of("sc://demo-org/demo-project/demo-wif"),
          SCOPE,
          CLOUD);

  @ParameterizedTest
  @ValueSource(
      ints = {
        700024, 70021, 700211, 700212, 700213, 7002138, 700016, 7000215, 7000222, 700223, 700238,
        70025, 70052, 900382, 50166, 90061, 90002
      })
  void everyKnownCodeBecomesItsOwnErrorNamingTheConnection(int code) {
    AuthenticationException error =
        EntraErrors.map(
            new RuntimeException("AADSTS" + code + ": whatever Entra said. Trace ID: x"),
            WIF,
            Optional.empty(),
            Optional.of("https://dev.azure.com/demo-org/"),
            Optional.of("demo-project"));
    assertThat(error.code()).isEqualTo("AADSTS" + code);
    assertThat(error.entraCode()).contains(code);
    assertThat(error.getMessage())
        .contains("demo-wif")
        .contains("AADSTS" + code)
        .contains(EntraErrors.TROUBLESHOOTING);
    assertThat(error.getMessage()).doesNotContain("Verify if the Service Principal");
  }

  @Test
  void aSubjectMismatchSaysWhichIssuerAndSubjectAzureDevOpsPresented() {
    IdTokenClaims presented =
        new IdTokenClaims(
            "https://vstoken.dev.azure.com/org-id",
            "sc://demo-org/demo-project/renamed",
            List.of("api://AzureADTokenExchange"),
            Optional.empty(),
            Optional.of(Instant.now()));
    AuthenticationException error =
        EntraErrors.map(
            new RuntimeException("AADSTS700213: No matching federated identity record found"),
            WIF,
            Optional.of(presented),
            Optional.empty(),
            Optional.empty());
    assertThat(error.getMessage())
        .contains("issuer 'https://vstoken.dev.azure.com/org-id'")
        .contains("subject 'sc://demo-org/demo-project/renamed'")
        .contains("demo-org | demo-project | renamed")
        .contains("client id app-1")
        .contains("A federated credential with exactly this issuer and subject must exist");
  }

  @Test
  void anExpiredSecretLinksToTheConnectionSettings() {
    AzureRmConnection sp =
        new AzureRmConnection.ServicePrincipalSecret(
            "sp-id", "t", "app", io.pipelinetasks.task.Secret.of("x"), SCOPE, CLOUD);
    AuthenticationException error =
        EntraErrors.map(
            new RuntimeException("AADSTS7000222: The provided client secret keys are expired."),
            sp,
            Optional.empty(),
            Optional.of("https://dev.azure.com/demo-org/"),
            Optional.of("demo-project"));
    assertThat(error.getMessage())
        .contains(
            "https://dev.azure.com/demo-org/demo-project/_settings/adminservices?resourceId=sp-id")
        .contains("https://aka.ms/azdo-rm-workload-identity-conversion");
  }

  @Test
  void aFailureWithoutACodeStillNamesTheConnectionAndTheAuthority() {
    AuthenticationException error =
        EntraErrors.map(
            new RuntimeException("PKIX path building failed"),
            WIF,
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertThat(error.code()).isEqualTo("TokenRequestFailed");
    assertThat(error.getMessage())
        .contains("demo-wif")
        .contains("https://login.microsoftonline.com/")
        .contains("PKIX");
  }
}
