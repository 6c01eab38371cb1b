package io.pipelinetasks.bench;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import io.pipelinetasks.task.TaskRunner;
import io.pipelinetasks.task.azure.AzureAuth;
import io.pipelinetasks.task.azure.AzureCredentials;
import io.pipelinetasks.task.azure.AzureRmConnections;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A task that does what every Azure task does first: resolve a workload identity federation
 * connection, get an idToken from Azure DevOps, exchange it with Entra ID, and call ARM once. The
 * bench script times this process from start to exit.
 */
public final class WifProbe {
  private WifProbe() {}

  /**
   * Runs the probe.
   *
   * @param args the connection id or name, default {@code demo-wif}
   */
  public static void main(String[] args) {
    String connection = args.length > 0 ? args[0] : "demo-wif";
    TaskRunner.main(
        (context, inputs) -> {
          AzureAuth auth =
              AzureCredentials.create(context, AzureRmConnections.resolve(context, connection));
          AccessToken token =
              auth.credential().getTokenSync(new TokenRequestContext().addScopes(auth.armScope()));
          HttpClient http = HttpClient.newBuilder().sslContext(context.http().sslContext()).build();
          HttpResponse<String> response =
              http.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              auth.cloud().resourceManagerUrl()
                                  + "subscriptions?api-version=2022-12-01"))
                      .header("Authorization", "Bearer " + token.getToken())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          context.log().info("ARM answered " + response.statusCode());
        });
  }
}
