package io.pipelinetasks.tasks.keyvault;

import io.pipelinetasks.emulator.AzureEmulator;
import io.pipelinetasks.emulator.Demo;
import io.pipelinetasks.emulator.DemoConnection;
import io.pipelinetasks.emulator.KeyVault;
import io.pipelinetasks.emulator.Role;
import io.pipelinetasks.emulator.RoleAssignment;
import io.pipelinetasks.emulator.VaultSecret;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The emulator the integration tests share: the demo organisation plus vaults made for one case
 * each. Every test JVM serves the same vault names, so the hosts file the JVM resolves through
 * (failsafe's {@code -Djdk.net.hosts.file}) is the same whichever emulator wrote it last.
 */
final class TestVaults {
  static final String TEAM = "team-kv";
  static final String DENY = "deny-kv";
  static final String POLICY_GET_MISSING = "policy-kv";
  static final String LIST_MISSING = "nolist-kv";
  static final String BIG = "big-kv";
  static final String EMPTY = "empty-kv";
  static final int BIG_SIZE = 130;

  static final String OLD_VERSION = "0000000000000000000000000000a001";
  static final String NEW_VERSION = "0000000000000000000000000000a002";

  /** A single-line value with every character the command escaping must handle. */
  static final String AWKWARD = "k3y;with]all%0Athe%AZP25escapes%";

  /** A multi-line value that is not JSON, with lines that need escaping. */
  static final String PEM =
      "-----BEGIN TEST KEY-----\nbGluZSBvbmU;x]%0A\r\nbGluZSB0d28=\r-----END TEST KEY-----";

  static final String JSON =
      "{\n  \"user\": \"team\",\n  \"n\": 12345678901234567890,\n  \"list\": [1, 2.50]\n}";

  /** The values of {@link #TEAM}'s current versions, by secret. */
  static final Map<String, String> TEAM_VALUES = new LinkedHashMap<>();

  static {
    TEAM_VALUES.put("db-password", "Team-P@ssw0rd-1");
    TEAM_VALUES.put("rotated", "rotated-new-value");
    TEAM_VALUES.put("awkward", AWKWARD);
    TEAM_VALUES.put("pem", PEM);
    TEAM_VALUES.put("config", JSON);
    TEAM_VALUES.put("empty", "");
  }

  private TestVaults() {}

  static Path hostsFile() {
    String file = System.getProperty("jdk.net.hosts.file");
    if (file == null) {
      throw new IllegalStateException("Run with -Djdk.net.hosts.file (failsafe sets it)");
    }
    return Path.of(file);
  }

  static AzureEmulator.Builder builder() {
    String sub = Demo.SUBSCRIPTION_ID;
    String rg = Demo.RESOURCE_GROUP;
    String t = Demo.TENANT_ID;
    KeyVault team =
        KeyVault.of(sub, rg, TEAM, t)
            .withSecret("db-password", TEAM_VALUES.get("db-password"))
            .withSecret(VaultSecret.of("rotated", "rotated-old-value").withVersion(OLD_VERSION))
            .withSecret(
                VaultSecret.of("rotated", TEAM_VALUES.get("rotated")).withVersion(NEW_VERSION))
            .withSecret("awkward", AWKWARD)
            .withSecret("pem", PEM)
            .withSecret(VaultSecret.of("config", JSON).withContentType("application/json"))
            .withSecret("empty", "");
    KeyVault deny =
        KeyVault.of(sub, rg, DENY, t)
            .withSecret("open-1", "open-value-1")
            .withSecret("blocked", "blocked-value")
            .withSecret("open-2", "open-value-2")
            .withSecretDenied(DemoConnection.SECRET.clientId(), "blocked");
    KeyVault policy = KeyVault.of(sub, rg, POLICY_GET_MISSING, t).withSecret("one", "value-one");
    KeyVault noList = KeyVault.of(sub, rg, LIST_MISSING, t).withSecret("one", "value-one");
    KeyVault big = KeyVault.of(sub, rg, BIG, t);
    for (int i = 0; i < BIG_SIZE; i++) {
      big = big.withSecret(String.format("secret-%03d", i), "big-value-" + i);
    }
    KeyVault empty = KeyVault.of(sub, rg, EMPTY, t);
    for (DemoConnection connection : DemoConnection.values()) {
      String id = connection.clientId();
      team = team.withAccessPolicy(id, "get", "list");
      deny = deny.withAccessPolicy(id, "get", "list");
      policy = policy.withAccessPolicy(id, "list");
      noList = noList.withAccessPolicy(id, "get");
      empty = empty.withAccessPolicy(id, "get", "list");
    }
    AzureEmulator.Builder builder =
        AzureEmulator.builder()
            .demo()
            .hostsFile(hostsFile())
            .keyVault(team)
            .keyVault(deny)
            .keyVault(policy)
            .keyVault(noList)
            .keyVault(big)
            .keyVault(empty);
    // big-kv uses Azure RBAC: no access policies, a data role instead.
    for (DemoConnection connection : DemoConnection.values()) {
      builder.roleAssignment(
          new RoleAssignment(connection.clientId(), big.resourceId(), Role.KEY_VAULT_SECRETS_USER));
    }
    return builder;
  }
}
