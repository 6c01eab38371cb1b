package io.pipelinetasks.task.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinetasks.task.azure.AzureRmConnection.ManagedServiceIdentity;
import io.pipelinetasks.task.azure.AzureRmConnection.PublishProfile;
import io.pipelinetasks.task.azure.AzureRmConnection.ServicePrincipalCertificate;
import io.pipelinetasks.task.azure.AzureRmConnection.ServicePrincipalSecret;
import io.pipelinetasks.task.azure.AzureRmConnection.WorkloadIdentityFederation;
import org.junit.jupiter.api.Test;

class AzureRmConnectionsTest {

  @Test
  void aServicePrincipalWithASecretResolvesWithItsScopeAndCloud() {
    AzureRmConnection connection =
        Connections.<AzureRmConnection>inTask(
            Connections.azureRm("sp", "ServicePrincipal")
                .authParameter("serviceprincipalid", "app-1")
                .authParameter("authenticationType", "spnKey")
                .authParameter("serviceprincipalkey", "s3cret")
                .authParameter("scope", "/subscriptions/sub-1/resourcegroups/rg-1")
                .build(),
            context -> AzureRmConnections.resolve(context, "sp"));
    assertThat(connection).isInstanceOf(ServicePrincipalSecret.class);
    ServicePrincipalSecret sp = (ServicePrincipalSecret) connection;
    assertThat(sp.clientId()).isEqualTo("app-1");
    assertThat(sp.clientSecret().reveal()).isEqualTo("s3cret");
    assertThat(sp.scope().level()).isEqualTo(ScopeLevel.Subscription);
    assertThat(sp.scope().subscriptionId()).contains("sub-1");
    assertThat(sp.scope().resourceGroup()).contains("rg-1");
    assertThat(sp.cloud().authorityHost()).isEqualTo("https://login.microsoftonline.com/");
    assertThat(sp.cloud().armScope()).isEqualTo("https://management.azure.com//.default");
    assertThat(sp.cloud().keyVaultScope()).isEqualTo("https://vault.azure.net/.default");
    assertThat(sp.cloud().publicAuthority()).isTrue();
  }

  @Test
  void anEmptySchemeIsAServicePrincipalAsTheOfficialLibraryTreatsIt() {
    AzureRmConnection connection =
        Connections.<AzureRmConnection>inTask(
            Connections.azureRm("sp", "")
                .authParameter("serviceprincipalid", "app-1")
                .authParameter("serviceprincipalkey", "s3cret")
                .build(),
            context -> AzureRmConnections.resolve(context, "sp"));
    assertThat(connection).isInstanceOf(ServicePrincipalSecret.class);
  }

  @Test
  void eachOtherSchemeResolvesToItsRecord() {
    assertThat(
            Connections.<AzureRmConnection>inTask(
                Connections.azureRm("c", "ServicePrincipal")
                    .authParameter("serviceprincipalid", "app")
                    .authParameter("authenticationType", "spnCertificate")
                    .authParameter("servicePrincipalCertificate", "-----BEGIN CERTIFICATE-----")
                    .build(),
                context -> AzureRmConnections.resolve(context, "c")))
        .isInstanceOf(ServicePrincipalCertificate.class);
    WorkloadIdentityFederation wif =
        (WorkloadIdentityFederation)
            Connections.<AzureRmConnection>inTask(
                Connections.azureRm("w", "WorkloadIdentityFederation")
                    .authParameter("serviceprincipalid", "app")
                    .authParameter(
                        "workloadIdentityFederationIssuer", "https://vstoken.dev.azure.com/org")
                    .authParameter("workloadIdentityFederationSubject", "sc://org/proj/conn")
                    .build(),
                context -> AzureRmConnections.resolve(context, "w"));
    assertThat(wif.subject()).contains("sc://org/proj/conn");
    ManagedServiceIdentity msi =
        (ManagedServiceIdentity)
            Connections.<AzureRmConnection>inTask(
                Connections.azureRm("m", "ManagedServiceIdentity")
                    .data("msiclientId", "uai-1")
                    .build(),
                context -> AzureRmConnections.resolve(context, "m"));
    assertThat(msi.clientId()).contains("uai-1");
    PublishProfile profile =
        (PublishProfile)
            Connections.<AzureRmConnection>inTask(
                Connections.azureRm("p", "PublishProfile")
                    .authParameter("publishProfile", "<publishData/>")
                    .data(
                        "resourceId",
                        "/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/a")
                    .build(),
                context -> AzureRmConnections.resolve(context, "p"));
    assertThat(profile.resourceId()).isPresent();
  }

  @Test
  void missingFieldsAreNamedErrorsThatSayWhatToFix() {
    assertThatThrownBy(
            () ->
                Connections.<AzureRmConnection>inTask(
                    Connections.azureRm("x", "ServicePrincipal")
                        .authParameter("tenantid", "")
                        .authParameter("serviceprincipalid", "app")
                        .authParameter("serviceprincipalkey", "k")
                        .build(),
                    context -> AzureRmConnections.resolve(context, "x")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("has no tenant id");
    assertThatThrownBy(
            () ->
                Connections.<AzureRmConnection>inTask(
                    Connections.azureRm("x", "ServicePrincipal")
                        .authParameter("serviceprincipalid", "app")
                        .build(),
                    context -> AzureRmConnections.resolve(context, "x")))
        .hasMessageContaining("has no client secret")
        .hasMessageContaining("serviceprincipalkey");
    assertThatThrownBy(
            () ->
                Connections.<AzureRmConnection>inTask(
                    Connections.azureRm("x", "WorkloadIdentityFederation").build(),
                    context -> AzureRmConnections.resolve(context, "x")))
        .hasMessageContaining("has no client id");
    assertThatThrownBy(
            () ->
                Connections.<AzureRmConnection>inTask(
                    Connections.azureRm("x", "Kerberos").build(),
                    context -> AzureRmConnections.resolve(context, "x")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("Auth Scheme Kerberos is not supported");
  }

  @Test
  void sovereignCloudsHaveTheirOwnDefaultsAndTheDataOverridesThem() {
    WorkloadIdentityFederation china =
        (WorkloadIdentityFederation)
            Connections.<AzureRmConnection>inTask(
                Connections.azureRm("w", "WorkloadIdentityFederation")
                    .url("https://management.chinacloudapi.cn/")
                    .authParameter("serviceprincipalid", "app")
                    .data("environment", "AzureChinaCloud")
                    .build(),
                context -> AzureRmConnections.resolve(context, "w"));
    assertThat(china.cloud().authorityHost()).isEqualTo("https://login.chinacloudapi.cn/");
    assertThat(china.cloud().keyVaultUrl("kv")).isEqualTo("https://kv.vault.azure.cn");
    WorkloadIdentityFederation custom =
        (WorkloadIdentityFederation)
            Connections.<AzureRmConnection>inTask(
                Connections.azureRm("w", "WorkloadIdentityFederation")
                    .url("https://localhost:8443/")
                    .authParameter("serviceprincipalid", "app")
                    .data("environment", "AzureEmulator")
                    .data("activeDirectoryAuthority", "https://localhost:8443/")
                    .data("AzureKeyVaultDnsSuffix", "vault.azure.net:8443")
                    .build(),
                context -> AzureRmConnections.resolve(context, "w"));
    assertThat(custom.cloud().name()).isEqualTo("AzureEmulator");
    assertThat(custom.cloud().publicAuthority()).isFalse();
    assertThat(custom.cloud().keyVaultUrl("demo-kv"))
        .isEqualTo("https://demo-kv.vault.azure.net:8443");
    assertThat(custom.cloud().armScope()).isEqualTo("https://localhost:8443//.default");
  }

  @Test
  void anAdfsAuthorityIsRecognised() {
    WorkloadIdentityFederation adfs =
        (WorkloadIdentityFederation)
            Connections.<AzureRmConnection>inTask(
                Connections.azureRm("w", "WorkloadIdentityFederation")
                    .url("https://localhost:8443/")
                    .authParameter("serviceprincipalid", "app")
                    .data("environment", "Stackish")
                    .data("activeDirectoryAuthority", "https://localhost:8443/adfs/")
                    .build(),
                context -> AzureRmConnections.resolve(context, "w"));
    assertThat(adfs.cloud().adfs()).isTrue();
    assertThat(adfs.cloud().authorityHost()).isEqualTo("https://localhost:8443/");
  }
}
