package io.pipelinetasks.emulator.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetasks.emulator.AppRegistration;
import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.ClientSecret;
import io.pipelinetasks.emulator.DevOpsOrganization;
import io.pipelinetasks.emulator.FaultRule;
import io.pipelinetasks.emulator.FederatedCredential;
import io.pipelinetasks.emulator.IssuerStyle;
import io.pipelinetasks.emulator.KeyVault;
import io.pipelinetasks.emulator.ManagedIdentity;
import io.pipelinetasks.emulator.ResourceGroup;
import io.pipelinetasks.emulator.Role;
import io.pipelinetasks.emulator.RoleAssignment;
import io.pipelinetasks.emulator.ServiceConnection;
import io.pipelinetasks.emulator.Subscription;
import io.pipelinetasks.emulator.Tenant;
import io.pipelinetasks.emulator.VaultSecret;
import io.pipelinetasks.emulator.WebApp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the emulator's JSON configuration file into a builder. Strict: an unknown field is an error
 * naming its location, so a typo never silently configures nothing.
 */
public final class JsonConfig {
  private JsonConfig() {}

  public static void apply(AzureEmulator.Builder builder, String json, Path baseDirectory) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "The emulator configuration is not valid JSON: " + e.getOriginalMessage());
    }
    new JsonConfig.Reader(builder, baseDirectory).root(root);
  }

  private static final class Reader {
    private final AzureEmulator.Builder builder;
    private final Path base;

    Reader(AzureEmulator.Builder builder, Path base) {
      this.builder = builder;
      this.base = base == null ? Path.of("") : base;
    }

    void root(JsonNode root) {
      object(
          root,
          "$",
          "port",
          "managedIdentityPort",
          "bindAddress",
          "stateDirectory",
          "hostsFile",
          "demo",
          "issuerStyle",
          "oidcTokenLifetimeSeconds",
          "accessTokenLifetimeSeconds",
          "managedIdentityTokenLifetimeSeconds",
          "latencyMillis",
          "identityHeader",
          "resources",
          "tenants",
          "apps",
          "managedIdentities",
          "subscriptions",
          "resourceGroups",
          "webApps",
          "keyVaults",
          "roleAssignments",
          "organizations",
          "faults");
      // The demo goes first, so the rest of the file can add to it or replace parts of it.
      if (root.path("demo").asBoolean(false)) {
        builder.demo();
      }
      if (root.has("port")) {
        builder.port(integer(root, "port", "$"));
      }
      if (root.has("managedIdentityPort")) {
        builder.managedIdentityPort(integer(root, "managedIdentityPort", "$"));
      }
      if (root.has("bindAddress")) {
        builder.bindAddress(text(root, "bindAddress", "$"));
      }
      if (root.has("stateDirectory")) {
        builder.stateDirectory(base.resolve(text(root, "stateDirectory", "$")));
      }
      if (root.has("hostsFile")) {
        builder.hostsFile(base.resolve(text(root, "hostsFile", "$")));
      }
      if (root.has("issuerStyle")) {
        String style = text(root, "issuerStyle", "$");
        builder.issuerStyle(
            switch (style.toLowerCase(Locale.ROOT)) {
              case "azuredevops", "azure_devops" -> IssuerStyle.AZURE_DEVOPS;
              case "entra" -> IssuerStyle.ENTRA;
              default ->
                  throw new IllegalArgumentException(
                      "$.issuerStyle must be AzureDevOps or Entra, not " + style);
            });
      }
      if (root.has("oidcTokenLifetimeSeconds")) {
        builder.oidcTokenLifetime(
            Duration.ofSeconds(integer(root, "oidcTokenLifetimeSeconds", "$")));
      }
      if (root.has("accessTokenLifetimeSeconds")) {
        builder.accessTokenLifetime(
            Duration.ofSeconds(integer(root, "accessTokenLifetimeSeconds", "$")));
      }
      if (root.has("managedIdentityTokenLifetimeSeconds")) {
        builder.managedIdentityTokenLifetime(
            Duration.ofSeconds(integer(root, "managedIdentityTokenLifetimeSeconds", "$")));
      }
      if (root.has("latencyMillis")) {
        builder.latency(Duration.ofMillis(integer(root, "latencyMillis", "$")));
      }
      if (root.has("identityHeader")) {
        builder.identityHeader(text(root, "identityHeader", "$"));
      }
      for (JsonNode resource : array(root, "resources", "$")) {
        builder.resource(resource.asText());
      }
      each(root, "tenants", this::tenant);
      each(root, "subscriptions", this::subscription);
      each(root, "resourceGroups", this::resourceGroup);
      each(root, "apps", this::app);
      each(root, "managedIdentities", this::managedIdentity);
      each(root, "webApps", this::webApp);
      each(root, "keyVaults", this::keyVault);
      each(root, "roleAssignments", this::roleAssignment);
      each(root, "organizations", this::organization);
      each(root, "faults", this::fault);
    }

    private interface Item {
      void read(JsonNode node, String where);
    }

    private void each(JsonNode parent, String field, Item item) {
      int i = 0;
      for (JsonNode node : array(parent, field, "$")) {
        item.read(node, "$." + field + "[" + i++ + "]");
      }
    }

    private void tenant(JsonNode node, String where) {
      object(node, where, "id", "displayName");
      builder.tenant(new Tenant(text(node, "id", where), optional(node, "displayName")));
    }

    private void subscription(JsonNode node, String where) {
      object(node, where, "id", "displayName", "tenantId");
      builder.subscription(
          new Subscription(
              text(node, "id", where),
              optional(node, "displayName"),
              text(node, "tenantId", where)));
    }

    private void resourceGroup(JsonNode node, String where) {
      object(node, where, "subscriptionId", "name", "location");
      builder.resourceGroup(
          new ResourceGroup(
              text(node, "subscriptionId", where),
              text(node, "name", where),
              optional(node, "location")));
    }

    private void app(JsonNode node, String where) {
      object(
          node,
          where,
          "tenantId",
          "clientId",
          "objectId",
          "displayName",
          "secrets",
          "certificates",
          "certificateFiles",
          "federatedCredentials");
      List<ClientSecret> secrets = new ArrayList<>();
      int i = 0;
      for (JsonNode secret : array(node, "secrets", where)) {
        String at = where + ".secrets[" + i++ + "]";
        object(secret, at, "value", "expiresOn");
        secrets.add(new ClientSecret(text(secret, "value", at), instant(secret, "expiresOn", at)));
      }
      List<X509Certificate> certificates = new ArrayList<>();
      for (JsonNode pem : array(node, "certificates", where)) {
        certificates.add(certificate(pem.asText(), where + ".certificates"));
      }
      for (JsonNode file : array(node, "certificateFiles", where)) {
        try {
          certificates.add(
              certificate(
                  Files.readString(base.resolve(file.asText()), StandardCharsets.US_ASCII),
                  where + ".certificateFiles"));
        } catch (IOException e) {
          throw new IllegalArgumentException(
              where + ".certificateFiles: cannot read " + file.asText() + ": " + e.getMessage());
        }
      }
      List<FederatedCredential> federated = new ArrayList<>();
      i = 0;
      for (JsonNode credential : array(node, "federatedCredentials", where)) {
        String at = where + ".federatedCredentials[" + i++ + "]";
        object(credential, at, "name", "issuer", "subject", "audiences");
        List<String> audiences = null;
        if (credential.has("audiences")) {
          audiences = new ArrayList<>();
          for (JsonNode audience : array(credential, "audiences", at)) {
            audiences.add(audience.asText());
          }
        }
        federated.add(
            new FederatedCredential(
                optional(credential, "name"),
                text(credential, "issuer", at),
                text(credential, "subject", at),
                audiences));
      }
      builder.app(
          new AppRegistration(
              text(node, "tenantId", where),
              text(node, "clientId", where),
              optional(node, "objectId"),
              optional(node, "displayName"),
              secrets,
              certificates,
              federated));
    }

    private void managedIdentity(JsonNode node, String where) {
      object(node, where, "tenantId", "clientId", "objectId", "name", "systemAssigned");
      builder.managedIdentity(
          new ManagedIdentity(
              text(node, "tenantId", where),
              text(node, "clientId", where),
              optional(node, "objectId"),
              optional(node, "name"),
              node.path("systemAssigned").asBoolean(false)));
    }

    private void webApp(JsonNode node, String where) {
      object(
          node,
          where,
          "subscriptionId",
          "resourceGroup",
          "name",
          "os",
          "runtime",
          "slots",
          "basicAuthAllowed",
          "appSettings",
          "deploymentDurationMillis",
          "deploymentFailure");
      String os = node.path("os").asText("Linux");
      List<String> slots = new ArrayList<>();
      for (JsonNode slot : array(node, "slots", where)) {
        slots.add(slot.asText());
      }
      builder.webApp(
          new WebApp(
              text(node, "subscriptionId", where),
              text(node, "resourceGroup", where),
              text(node, "name", where),
              switch (os.toLowerCase(Locale.ROOT)) {
                case "linux" -> WebApp.Os.LINUX;
                case "windows" -> WebApp.Os.WINDOWS;
                default ->
                    throw new IllegalArgumentException(
                        where + ".os must be Linux or Windows, not " + os);
              },
              optional(node, "runtime"),
              slots,
              node.path("basicAuthAllowed").asBoolean(true),
              stringMap(node, "appSettings", where),
              node.has("deploymentDurationMillis")
                  ? Duration.ofMillis(integer(node, "deploymentDurationMillis", where))
                  : null,
              optional(node, "deploymentFailure")));
    }

    private void keyVault(JsonNode node, String where) {
      object(
          node,
          where,
          "subscriptionId",
          "resourceGroup",
          "name",
          "tenantId",
          "secrets",
          "accessPolicies",
          "secretDenies");
      List<VaultSecret> secrets = new ArrayList<>();
      int i = 0;
      for (JsonNode secret : array(node, "secrets", where)) {
        String at = where + ".secrets[" + i++ + "]";
        object(
            secret,
            at,
            "name",
            "value",
            "version",
            "enabled",
            "expiresOn",
            "notBefore",
            "contentType",
            "tags");
        secrets.add(
            new VaultSecret(
                text(secret, "name", at),
                text(secret, "value", at),
                optional(secret, "version"),
                secret.path("enabled").asBoolean(true),
                instant(secret, "expiresOn", at),
                instant(secret, "notBefore", at),
                optional(secret, "contentType"),
                stringMap(secret, "tags", at)));
      }
      List<KeyVault.AccessPolicy> policies = new ArrayList<>();
      i = 0;
      for (JsonNode policy : array(node, "accessPolicies", where)) {
        String at = where + ".accessPolicies[" + i++ + "]";
        object(policy, at, "principal", "permissions");
        List<String> permissions = new ArrayList<>();
        for (JsonNode permission : array(policy, "permissions", at)) {
          permissions.add(permission.asText());
        }
        policies.add(
            new KeyVault.AccessPolicy(text(policy, "principal", at), Set.copyOf(permissions)));
      }
      List<KeyVault.SecretDeny> denies = new ArrayList<>();
      i = 0;
      for (JsonNode deny : array(node, "secretDenies", where)) {
        String at = where + ".secretDenies[" + i++ + "]";
        object(deny, at, "principal", "secret");
        denies.add(new KeyVault.SecretDeny(text(deny, "principal", at), text(deny, "secret", at)));
      }
      builder.keyVault(
          new KeyVault(
              text(node, "subscriptionId", where),
              text(node, "resourceGroup", where),
              text(node, "name", where),
              text(node, "tenantId", where),
              secrets,
              policies,
              denies));
    }

    private void roleAssignment(JsonNode node, String where) {
      object(node, where, "principal", "scope", "role");
      JsonNode roleNode = node.path("role");
      Role role;
      if (roleNode.isTextual()) {
        role =
            Role.builtIn(roleNode.asText())
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            where
                                + ".role: unknown built-in role "
                                + roleNode.asText()
                                + "; use Owner, Contributor, Reader, Website Contributor, Key Vault"
                                + " Secrets User or an object with actions"));
      } else {
        String at = where + ".role";
        object(roleNode, at, "name", "actions", "notActions", "dataActions");
        role =
            new Role(
                text(roleNode, "name", at),
                strings(roleNode, "actions", at),
                strings(roleNode, "notActions", at),
                strings(roleNode, "dataActions", at));
      }
      builder.roleAssignment(
          new RoleAssignment(text(node, "principal", where), text(node, "scope", where), role));
    }

    private void organization(JsonNode node, String where) {
      object(
          node,
          where,
          "name",
          "id",
          "project",
          "projectId",
          "planId",
          "jobId",
          "accessToken",
          "connections");
      List<ServiceConnection> connections = new ArrayList<>();
      int i = 0;
      for (JsonNode connection : array(node, "connections", where)) {
        String at = where + ".connections[" + i++ + "]";
        object(
            connection,
            at,
            "name",
            "id",
            "scheme",
            "tenantId",
            "clientId",
            "subscriptionId",
            "clientSecret",
            "certificatePem");
        String scheme = text(connection, "scheme", at);
        ServiceConnection.Scheme parsed = null;
        for (ServiceConnection.Scheme candidate : ServiceConnection.Scheme.values()) {
          if (candidate.wireName().equalsIgnoreCase(scheme)) {
            parsed = candidate;
          }
        }
        if (parsed == null) {
          throw new IllegalArgumentException(
              at
                  + ".scheme must be WorkloadIdentityFederation, ServicePrincipal or"
                  + " ManagedServiceIdentity, not "
                  + scheme);
        }
        connections.add(
            new ServiceConnection(
                text(connection, "name", at),
                text(connection, "id", at),
                parsed,
                text(connection, "tenantId", at),
                optional(connection, "clientId"),
                text(connection, "subscriptionId", at),
                optional(connection, "clientSecret"),
                optional(connection, "certificatePem")));
      }
      builder.organization(
          new DevOpsOrganization(
              text(node, "name", where),
              text(node, "id", where),
              text(node, "project", where),
              text(node, "projectId", where),
              text(node, "planId", where),
              text(node, "jobId", where),
              optional(node, "accessToken"),
              connections));
    }

    private void fault(JsonNode node, String where) {
      object(
          node,
          where,
          "host",
          "method",
          "path",
          "action",
          "status",
          "retryAfterSeconds",
          "delayMillis",
          "times");
      String action = text(node, "action", where).toLowerCase(Locale.ROOT);
      FaultRule rule =
          switch (action) {
            case "status" -> FaultRule.status(integer(node, "status", where));
            case "reset" -> FaultRule.reset();
            case "delay" -> FaultRule.delay(Duration.ofMillis(integer(node, "delayMillis", where)));
            default ->
                throw new IllegalArgumentException(
                    where + ".action must be status, reset or delay, not " + action);
          };
      if (node.has("host")) {
        rule = rule.onHost(text(node, "host", where));
      }
      if (node.has("method")) {
        rule = rule.onMethod(text(node, "method", where));
      }
      if (node.has("path")) {
        rule = rule.onPath(text(node, "path", where));
      }
      if (node.has("retryAfterSeconds")) {
        rule = rule.withRetryAfter(Duration.ofSeconds(integer(node, "retryAfterSeconds", where)));
      }
      if (node.has("times")) {
        rule = rule.times(integer(node, "times", where));
      }
      builder.fault(rule);
    }

    // ---- field helpers --------------------------------------------------------------------

    private static void object(JsonNode node, String where, String... allowed) {
      if (!node.isObject()) {
        throw new IllegalArgumentException(where + " must be a JSON object");
      }
      Set<String> names = Set.of(allowed);
      Iterator<String> fields = node.fieldNames();
      while (fields.hasNext()) {
        String field = fields.next();
        if (!names.contains(field)) {
          throw new IllegalArgumentException(
              where + "." + field + " is not a known field; known: " + String.join(", ", allowed));
        }
      }
    }

    private static String text(JsonNode node, String field, String where) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull() || !value.isValueNode() || value.asText().isEmpty()) {
        throw new IllegalArgumentException(where + "." + field + " is required");
      }
      return value.asText();
    }

    private static String optional(JsonNode node, String field) {
      JsonNode value = node.get(field);
      return value == null || value.isNull() ? null : value.asText();
    }

    private static int integer(JsonNode node, String field, String where) {
      JsonNode value = node.get(field);
      if (value == null || !value.canConvertToInt()) {
        throw new IllegalArgumentException(where + "." + field + " must be an integer");
      }
      return value.asInt();
    }

    private static Instant instant(JsonNode node, String field, String where) {
      String value = optional(node, field);
      if (value == null) {
        return null;
      }
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            where + "." + field + " must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
      }
    }

    private static List<JsonNode> array(JsonNode node, String field, String where) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return List.of();
      }
      if (!value.isArray()) {
        throw new IllegalArgumentException(where + "." + field + " must be an array");
      }
      List<JsonNode> list = new ArrayList<>();
      value.forEach(list::add);
      return list;
    }

    private static List<String> strings(JsonNode node, String field, String where) {
      List<String> list = new ArrayList<>();
      for (JsonNode item : array(node, field, where)) {
        list.add(item.asText());
      }
      return list;
    }

    private static Map<String, String> stringMap(JsonNode node, String field, String where) {
      JsonNode value = node.get(field);
      Map<String, String> map = new LinkedHashMap<>();
      if (value == null || value.isNull()) {
        return map;
      }
      if (!value.isObject()) {
        throw new IllegalArgumentException(where + "." + field + " must be an object");
      }
      Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        map.put(entry.getKey(), entry.getValue().asText());
      }
      return map;
    }

    private static X509Certificate certificate(String pem, String where) {
      try {
        return (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      } catch (CertificateException e) {
        throw new IllegalArgumentException(where + ": not a PEM certificate");
      }
    }
  }
}
