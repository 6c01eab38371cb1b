package io.pipelinetasks.task.azure.internal;

import io.pipelinetasks.task.HttpSettings;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * JDK HTTP clients configured with the agent's proxy and TLS settings, for every call the SDK makes
 * itself (OIDC tokens, cloud metadata) and under azure-core for the Azure SDK clients.
 */
public final class AgentHttp {
  private AgentHttp() {}

  /**
   * A client builder with the agent's CA, client certificate, proxy and proxy credentials.
   *
   * @param settings the agent's network settings
   */
  public static HttpClient.Builder builder(HttpSettings settings) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(settings.sslContext());
    settings
        .proxy()
        .ifPresent(
            proxy -> {
              builder.proxy(settings.proxySelector());
              if (proxy.username().isPresent()) {
                // The JDK refuses Basic proxy authentication for HTTPS tunnels unless told
                // otherwise; agents behind authenticating proxies need it.
                System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
                String user = proxy.username().get();
                char[] password =
                    proxy.password().map(p -> p.reveal().toCharArray()).orElse(new char[0]);
                builder.authenticator(
                    new Authenticator() {
                      @Override
                      protected PasswordAuthentication getPasswordAuthentication() {
                        return getRequestorType() == RequestorType.PROXY
                            ? new PasswordAuthentication(user, password)
                            : null;
                      }
                    });
              }
            });
    return builder;
  }
}
