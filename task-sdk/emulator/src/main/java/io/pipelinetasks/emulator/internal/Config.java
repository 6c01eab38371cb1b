package io.pipelinetasks.emulator.internal;

import io.pipelinetasks.emulator.AppRegistration;
import io.pipelinetasks.emulator.ClientCertificate;
import io.pipelinetasks.emulator.DevOpsOrganization;
import io.pipelinetasks.emulator.FaultRule;
import io.pipelinetasks.emulator.IssuerStyle;
import io.pipelinetasks.emulator.KeyVault;
import io.pipelinetasks.emulator.ManagedIdentity;
import io.pipelinetasks.emulator.ResourceGroup;
import io.pipelinetasks.emulator.RoleAssignment;
import io.pipelinetasks.emulator.Subscription;
import io.pipelinetasks.emulator.Tenant;
import io.pipelinetasks.emulator.WebApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Everything the builder collected, handed to the runtime in one piece. */
public record Config(
    String bindAddress,
    int port,
    int managedIdentityPort,
    Path stateDirectory,
    Path hostsFile,
    List<Tenant> tenants,
    List<AppRegistration> apps,
    List<ManagedIdentity> managedIdentities,
    List<Subscription> subscriptions,
    List<ResourceGroup> resourceGroups,
    List<WebApp> webApps,
    List<KeyVault> keyVaults,
    List<RoleAssignment> roleAssignments,
    List<DevOpsOrganization> organizations,
    IssuerStyle issuerStyle,
    Duration oidcTokenLifetime,
    Duration accessTokenLifetime,
    Duration managedIdentityTokenLifetime,
    Duration latency,
    List<FaultRule> faults,
    List<String> extraResources,
    String identityHeader,
    Consumer<String> requestLog,
    String cloudName,
    String demoCertificateClientId,
    CompletableFuture<ClientCertificate> demoCertificate) {

  public Config {
    tenants = List.copyOf(tenants);
    apps = List.copyOf(apps);
    managedIdentities = List.copyOf(managedIdentities);
    subscriptions = List.copyOf(subscriptions);
    resourceGroups = List.copyOf(resourceGroups);
    webApps = List.copyOf(webApps);
    keyVaults = List.copyOf(keyVaults);
    roleAssignments = List.copyOf(roleAssignments);
    organizations = List.copyOf(organizations);
    faults = List.copyOf(faults);
    extraResources = List.copyOf(extraResources);
  }
}
