package io.pipelinetasks.tasks.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.task.azure.AuthenticationException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VaultFailureTest {

  @Test
  void anErrorBodyGivesStatusCodesAndAOneLineMessage() {
    VaultFailure failure = VaultFailure.of(Responses.error(403, "Forbidden", "ForbiddenByRbac"));

    assertThat(failure.kind()).isEqualTo(VaultFailure.Kind.HTTP);
    assertThat(failure.statusText()).isEqualTo("403 Forbidden/ForbiddenByRbac");
    assertThat(failure.message()).isEqualTo("Message for Forbidden. Second line.");
    assertThat(failure.forbidden()).isTrue();
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.fatal()).isFalse();
  }

  @Test
  void throttlingServerErrorsResetsAndTimeoutsAreRetriedOthersAreNot() {
    assertThat(VaultFailure.of(Responses.error(429, "Throttled", null)).retryable()).isTrue();
    assertThat(VaultFailure.of(Responses.error(408, "Timeout", null)).retryable()).isTrue();
    assertThat(VaultFailure.of(Responses.error(500, "Internal", null)).retryable()).isTrue();
    assertThat(VaultFailure.of(Responses.error(503, "Unavailable", null)).retryable()).isTrue();
    assertThat(VaultFailure.of(Responses.error(501, "NotImplemented", null)).retryable()).isFalse();
    assertThat(VaultFailure.of(Responses.error(404, "SecretNotFound", null)).retryable()).isFalse();
    assertThat(VaultFailure.of(Responses.error(400, "BadParameter", null)).retryable()).isFalse();
    VaultFailure timeout =
        VaultFailure.of(new UncheckedIOException(new HttpTimeoutException("request timed out")));
    assertThat(timeout.kind()).isEqualTo(VaultFailure.Kind.NETWORK);
    assertThat(timeout.retryable()).isTrue();
    assertThat(timeout.message()).isEqualTo("HttpTimeoutException: request timed out");
  }

  @Test
  void anUnresolvableHostIsAMissingVaultAndEndsTheDownload() {
    ConnectException connect = new ConnectException();
    connect.initCause(new UnresolvedAddressException());
    VaultFailure failure = VaultFailure.of(new UncheckedIOException(connect));

    assertThat(failure.kind()).isEqualTo(VaultFailure.Kind.HOST_NOT_FOUND);
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.fatal()).isTrue();
  }

  @Test
  void aLoginFailureAnywhereInTheCausesIsAnAuthenticationFailure() {
    AuthenticationException login =
        new AuthenticationException("AADSTS7000215", "conn", Optional.of(7000215), "bad secret");
    VaultFailure failure = VaultFailure.of(new IllegalStateException("wrapped", login));

    assertThat(failure.kind()).isEqualTo(VaultFailure.Kind.AUTHENTICATION);
    assertThat(failure.fatal()).isTrue();
  }

  @Test
  void unauthorizedAndFirewallDenialsConcernTheWholeVault() {
    assertThat(VaultFailure.of(Responses.error(401, "Unauthorized", null)).fatal()).isTrue();
    VaultFailure firewall =
        VaultFailure.of(Responses.error(403, "Forbidden", "ForbiddenByFirewall"));
    assertThat(firewall.firewall()).isTrue();
    assertThat(firewall.fatal()).isTrue();
    assertThat(
            VaultFailure.of(Responses.error(403, "Forbidden", "SecretDisabled")).secretDisabled())
        .isTrue();
  }

  @Test
  void retryAfterIsReadInSecondsMillisecondsOrAsADate() {
    assertThat(VaultFailure.of(Responses.error(429, "T", null, "Retry-After", "3")).retryAfter())
        .hasValue(Duration.ofSeconds(3));
    assertThat(
            VaultFailure.of(Responses.error(429, "T", null, "retry-after-ms", "250")).retryAfter())
        .hasValue(Duration.ofMillis(250));
    assertThat(
            VaultFailure.of(Responses.error(503, "T", null, "x-ms-retry-after-ms", "40"))
                .retryAfter())
        .hasValue(Duration.ofMillis(40));
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
    Duration fromDate =
        VaultFailure.of(Responses.error(429, "T", null, "Retry-After", date))
            .retryAfter()
            .orElseThrow();
    assertThat(fromDate).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31));
    assertThat(VaultFailure.of(Responses.error(429, "T", null, "Retry-After", "soon")).retryAfter())
        .isEmpty();
    assertThat(VaultFailure.of(Responses.error(429, "T", null)).retryAfter()).isEmpty();
  }
}
