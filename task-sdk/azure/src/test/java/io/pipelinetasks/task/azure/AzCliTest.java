package io.pipelinetasks.task.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.task.Secret;
import io.pipelinetasks.task.azure.AzCli.LoginMaterial;
import io.pipelinetasks.task.azure.AzCli.Version;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AzCliTest {
  private static final AzureCloud CLOUD = AzureCloud.builtIn("AzureCloud").orElseThrow();
  private static final ConnectionScope SCOPE =
      new ConnectionScope(
          ScopeLevel.Subscription,
          Optional.of("sub-1"),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  @Test
  void readsTheVersionFromAzVersionOutput() {
    assertThat(Version.parse("azure-cli                         2.45.0 *\n\ncore   2.45.0"))
        .contains(new Version(2, 45, 0));
    assertThat(Version.parse("nothing here")).isEmpty();
    assertThat(new Version(2, 66, 0).atLeast(new Version(2, 45, 9))).isTrue();
  }

  @Test
  void federationLogsInWithTheFederatedToken() {
    var wif =
        new AzureRmConnection.WorkloadIdentityFederation(
            "e", "tenant", "app", Optional.empty(), Optional.empty(), SCOPE, CLOUD);
    assertThat(
            AzCli.login(
                wif,
                new Version(2, 45, 0),
                new LoginMaterial(Optional.of(Secret.of("jwt")), Optional.empty()),
                false))
        .containsExactly(
            "login",
            "--service-principal",
            "-u",
            "app",
            "--tenant",
            "tenant",
            "--allow-no-subscriptions",
            "--federated-token",
            "jwt",
            "--output",
            "none");
  }

  @Test
  void aSecretGoesInOneArgumentAndTheCertificateFlagDependsOnTheVersion() {
    var sp =
        new AzureRmConnection.ServicePrincipalSecret(
            "e", "t", "app", Secret.of("p\"w"), SCOPE, CLOUD);
    assertThat(AzCli.login(sp, new Version(2, 45, 0), LoginMaterial.none(), true))
        .containsExactly(
            "login",
            "--service-principal",
            "-u",
            "app",
            "--password=p\"w",
            "--tenant",
            "t",
            "--allow-no-subscriptions");
    var cert =
        new AzureRmConnection.ServicePrincipalCertificate(
            "e", "t", "app", Secret.of("pem"), SCOPE, CLOUD);
    LoginMaterial file = new LoginMaterial(Optional.empty(), Optional.of(Path.of("/tmp/c.pem")));
    assertThat(AzCli.login(cert, new Version(2, 66, 0), file, true))
        .contains("--certificate=/tmp/c.pem");
    assertThat(AzCli.login(cert, new Version(2, 65, 9), file, true))
        .contains("--password=/tmp/c.pem");
  }

  @Test
  void aUserAssignedManagedIdentityIsPassedWhichTheOfficialTaskDrops() {
    var user =
        new AzureRmConnection.ManagedServiceIdentity("e", "t", Optional.of("uai"), SCOPE, CLOUD);
    assertThat(AzCli.login(user, new Version(2, 70, 0), LoginMaterial.none(), true))
        .containsExactly("login", "--identity", "--client-id", "uai");
    assertThat(AzCli.login(user, new Version(2, 45, 0), LoginMaterial.none(), true))
        .containsExactly("login", "--identity", "--username", "uai");
    var system =
        new AzureRmConnection.ManagedServiceIdentity("e", "t", Optional.empty(), SCOPE, CLOUD);
    assertThat(AzCli.login(system, new Version(2, 70, 0), LoginMaterial.none(), true))
        .containsExactly("login", "--identity");
  }

  @Test
  void cloudAndAccountCommands() {
    var sp =
        new AzureRmConnection.ServicePrincipalSecret("e", "t", "app", Secret.of("x"), SCOPE, CLOUD);
    assertThat(AzCli.cloudSet(CLOUD)).containsExactly("cloud", "set", "-n", "AzureCloud");
    assertThat(AzCli.accountSet(sp))
        .contains(java.util.List.of("account", "set", "--subscription", "sub-1"));
    assertThat(AzCli.accountClear()).containsExactly("account", "clear");
    AzureCloud stack =
        new AzureCloud(
            "AzureStack",
            "https://management.local.azurestack.external/",
            "https://adfs.local.azurestack.external/",
            true,
            "https://management.adfs.azurestack.local/abc",
            "vault.local.azurestack.external",
            "https://vault.local.azurestack.external",
            "https://graph.local.azurestack.external/");
    assertThat(AzCli.cloudRegister(stack))
        .containsSequence(
            "--endpoint-active-directory", "https://adfs.local.azurestack.external/adfs")
        .containsSequence("--suffix-keyvault-dns", ".vault.local.azurestack.external");
  }
}
