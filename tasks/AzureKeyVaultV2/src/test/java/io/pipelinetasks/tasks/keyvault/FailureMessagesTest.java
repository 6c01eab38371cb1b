package io.pipelinetasks.tasks.keyvault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinetasks.task.testing.TaskTestKit;
import io.pipelinetasks.tasks.keyvault.FailureMessages.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The texts a pipeline author reads when a secret cannot be read. */
class FailureMessagesTest {

  private static String describe(Function<FailureMessages, String> what) {
    AtomicReference<String> text = new AtomicReference<>();
    TaskTestKit.task(
            (context, inputs) ->
                text.set(what.apply(new FailureMessages(context, Duration.ofSeconds(600)))))
        .taskDirectory(Path.of("").toAbsolutePath())
        .run();
    return text.get();
  }

  @Test
  void aFirewallDenialSaysWhatToAllow() {
    VaultFailure failure =
        VaultFailure.of(Responses.error(403, "Forbidden", "ForbiddenByFirewall"));

    assertThat(describe(m -> m.describe(failure, Operation.GET)))
        .contains("ForbiddenByFirewall")
        .contains("network rules refused this agent's address")
        .contains("self-hosted agent");
  }

  @Test
  void anAccessPolicyDenialOfTheListNamesTheListPermission() {
    VaultFailure failure = VaultFailure.of(Responses.error(403, "Forbidden", "AccessDenied"));

    assertThat(describe(m -> m.describe(failure, Operation.LIST)))
        .contains("(HTTP 403 Forbidden/AccessDenied)")
        .contains("lacks the secret permission List")
        .contains("the identity of the service connection");
  }

  @Test
  void aDenialOfUnknownKindNamesBothWaysToGrantAccess() {
    VaultFailure failure = VaultFailure.of(Responses.error(403, "Forbidden", null));

    assertThat(describe(m -> m.describe(failure, Operation.GET)))
        .contains("secret permissions Get and List")
        .contains("Key Vault Secrets User");
  }

  @Test
  void theClientIdIsLeftOutBecauseTheAgentMasksItAnyway() {
    assertThat(
            FailureMessages.withoutClientId(
                "Caller: appid=1111-2222;oid=3333-4444;iss=https://sts.windows.net/t/ Action: x"))
        .isEqualTo("Caller: oid=3333-4444;iss=https://sts.windows.net/t/ Action: x");
  }

  @Test
  void retriesAndTheDeadlineAreSaidAfterTheFailure() {
    VaultFailure failure = VaultFailure.of(Responses.error(503, "ServiceUnavailable", null));

    assertThat(describe(m -> m.gaveUp(new Retrier.GaveUp(failure, 8, false), Operation.GET)))
        .isEqualTo(
            "Message for ServiceUnavailable. Second line. (HTTP 503 ServiceUnavailable); gave up"
                + " after 8 attempts");
    assertThat(describe(m -> m.gaveUp(new Retrier.GaveUp(null, 0, true), Operation.GET)))
        .isEqualTo(
            "not read before the task's time limit of 600 seconds (pipeline variable"
                + " AzureKeyVault.TimeoutSeconds)");
  }
}
