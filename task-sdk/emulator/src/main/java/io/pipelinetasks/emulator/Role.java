package io.pipelinetasks.emulator;

import java.util.List;
import java.util.Objects;

/**
 * An Azure role definition: control-plane actions (ARM operations) and data actions (Key Vault
 * secret reads), each a pattern where {@code *} matches any characters, compared case-insensitively
 * as ARM does.
 *
 * @param name the role name
 * @param actions allowed ARM actions
 * @param notActions ARM actions taken out of {@code actions}
 * @param dataActions allowed data actions
 */
public record Role(
    String name, List<String> actions, List<String> notActions, List<String> dataActions) {
  /** Full access. */
  public static final Role OWNER = new Role("Owner", List.of("*"), List.of(), List.of());

  /** Full access except managing access. */
  public static final Role CONTRIBUTOR =
      new Role(
          "Contributor",
          List.of("*"),
          List.of(
              "Microsoft.Authorization/*/Delete",
              "Microsoft.Authorization/*/Write",
              "Microsoft.Authorization/elevateAccess/Action"),
          List.of());

  /** Read everything, change nothing, list no secrets. */
  public static final Role READER = new Role("Reader", List.of("*/read"), List.of(), List.of());

  /** Manage web apps, but not the plans they run on. */
  public static final Role WEBSITE_CONTRIBUTOR =
      new Role(
          "Website Contributor",
          List.of(
              "Microsoft.Web/sites/*",
              "Microsoft.Resources/subscriptions/resourceGroups/read",
              "Microsoft.Resources/subscriptions/read",
              "Microsoft.Resources/subscriptions/resources/read"),
          List.of(),
          List.of());

  /** Read secret values and metadata. */
  public static final Role KEY_VAULT_SECRETS_USER =
      new Role(
          "Key Vault Secrets User",
          List.of(),
          List.of(),
          List.of(
              "Microsoft.KeyVault/vaults/secrets/getSecret/action",
              "Microsoft.KeyVault/vaults/secrets/readMetadata/action"));

  /** Checks and copies the fields. */
  public Role {
    Objects.requireNonNull(name, "name");
    actions = List.copyOf(actions == null ? List.of() : actions);
    notActions = List.copyOf(notActions == null ? List.of() : notActions);
    dataActions = List.copyOf(dataActions == null ? List.of() : dataActions);
  }

  /** The built-in role with this name (case-insensitive), or empty. */
  public static java.util.Optional<Role> builtIn(String name) {
    return java.util.stream.Stream.of(
            OWNER, CONTRIBUTOR, READER, WEBSITE_CONTRIBUTOR, KEY_VAULT_SECRETS_USER)
        .filter(r -> r.name().equalsIgnoreCase(name))
        .findFirst();
  }
}
