package io.pipelinetasks.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {
  @Test
  void guidsAreEncodedInDotNetByteOrderAsEntraSubjectsShowThem() {
    // The Microsoft tenant as it appears in the subject of Entra-issued federated tokens.
    assertThat(Tokens.guidBase64Url("72f988bf-86f1-41af-91ab-2d7cd011db47"))
        .isEqualTo("v4j5cvGGr0GRqy180BHbRw");
  }

  @Test
  void theAudienceIsTheScopeWithoutDefaultAndOneTrailingSlashAtMost() {
    assertThat(Tokens.audienceFor("https://management.azure.com//.default"))
        .isEqualTo("https://management.azure.com/");
    assertThat(Tokens.audienceFor("https://vault.azure.net/.default"))
        .isEqualTo("https://vault.azure.net");
    assertThat(Tokens.audienceFor("https://management.core.windows.net/"))
        .isEqualTo("https://management.core.windows.net/");
  }

  @Test
  void federationIdsHaveTheShapesOfBothIssuerStyles() {
    assertThat(FederationIds.devOpsSubject("org", "project", "connection"))
        .isEqualTo("sc://org/project/connection");
    assertThat(
            FederationIds.entraSubject(
                "72f988bf-86f1-41af-91ab-2d7cd011db47", "org-id", "connection-id"))
        .startsWith("/eid1/c/pub/t/v4j5cvGGr0GRqy180BHbRw/a/")
        .endsWith("/sc/org-id/connection-id");
  }
}
