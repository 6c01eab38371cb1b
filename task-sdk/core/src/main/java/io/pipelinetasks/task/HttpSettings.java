package io.pipelinetasks.task;

import io.pipelinetasks.TaskException;
import io.pipelinetasks.task.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The agent's network settings, ready for an HTTP client: its proxy (URL, credentials and bypass
 * list) and its TLS settings (an extra certificate authority, a client certificate, and whether to
 * skip validation). Azure SDK clients built by the SDK apply these; so should any HTTP client a
 * task builds.
 *
 * @param proxy the proxy, when the agent has one
 * @param caFile {@code Agent.CAInfo}: a PEM file of extra trusted certificate authorities
 * @param clientCertificate the client certificate, when the agent has one
 * @param skipCertificateValidation {@code Agent.SkipCertValidation}
 */
public record HttpSettings(
    Optional<ProxySettings> proxy,
    Optional<Path> caFile,
    Optional<ClientCertificate> clientCertificate,
    boolean skipCertificateValidation) {

  /** Checks the components. */
  public HttpSettings {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(clientCertificate, "clientCertificate");
  }

  /** No proxy, no extra trust. */
  public static HttpSettings none() {
    return new HttpSettings(Optional.empty(), Optional.empty(), Optional.empty(), false);
  }

  /**
   * Reads the settings from the agent's variables.
   *
   * @param env the agent environment
   */
  public static HttpSettings of(AgentEnvironment env) {
    Optional<ProxySettings> proxy =
        nonEmpty(env, "Agent.ProxyUrl")
            .map(
                url ->
                    new ProxySettings(
                        URI.create(url),
                        nonEmpty(env, "Agent.ProxyUsername"),
                        nonEmpty(env, "Agent.ProxyPassword").map(Secret::of),
                        bypassList(nonEmpty(env, "Agent.ProxyBypassList").orElse("[]"))));
    Optional<ClientCertificate> client =
        nonEmpty(env, "Agent.ClientCert")
            .map(
                cert ->
                    new ClientCertificate(
                        Path.of(cert),
                        nonEmpty(env, "Agent.ClientCertKey").map(Path::of),
                        nonEmpty(env, "Agent.ClientCertArchive").map(Path::of),
                        nonEmpty(env, "Agent.ClientCertPassword").map(Secret::of)));
    return new HttpSettings(
        proxy,
        nonEmpty(env, "Agent.CAInfo").map(Path::of),
        client,
        env.variable("Agent.SkipCertValidation")
            .map(v -> v.equalsIgnoreCase("true"))
            .orElse(false));
  }

  /**
   * The proxy to use for a request, or empty when there is none or the URL matches the bypass list.
   *
   * @param target the request URL
   */
  public Optional<ProxySettings> proxyFor(URI target) {
    return proxy.filter(p -> !p.bypasses(target));
  }

  /** A proxy selector applying the proxy and its bypass list, for {@code HttpClient.Builder}. */
  public ProxySelector proxySelector() {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return proxyFor(uri)
            .map(p -> List.of(new Proxy(Proxy.Type.HTTP, p.address())))
            .orElse(List.of(Proxy.NO_PROXY));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException failure) {}
    };
  }

  /**
   * A JDK HTTP client builder with the agent's settings: its CA and client certificate, its proxy
   * with the bypass list and credentials, a 15 s connect timeout, and redirects not followed (so
   * credentials never go to another host). Callers may change the rest, such as the HTTP version.
   */
  public HttpClient.Builder httpClientBuilder() {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(15))
            .followRedirects(HttpClient.Redirect.NEVER)
            .sslContext(sslContext());
    proxy.ifPresent(
        settings -> {
          builder.proxy(proxySelector());
          if (settings.username().isPresent()) {
            // The JDK refuses Basic proxy authentication for HTTPS tunnels unless told otherwise;
            // agents behind authenticating proxies need it.
            System.setProperty("jdk.http.auth.tunneling.disabledSchemes", "");
            String user = settings.username().get();
            char[] password =
                settings.password().map(p -> p.reveal().toCharArray()).orElse(new char[0]);
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

  /**
   * A TLS context that trusts the JDK's certificate authorities plus those in {@link #caFile()},
   * and presents the client certificate when the agent has a PKCS#12 archive of it.
   *
   * @throws TaskException when a certificate file cannot be read, naming the file
   */
  public SSLContext sslContext() {
    try {
      TrustManagerFactory defaults =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      defaults.init((KeyStore) null);
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int index = 0;
      for (var manager : defaults.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          for (X509Certificate issuer : x509.getAcceptedIssuers()) {
            trust.setCertificateEntry("default-" + index++, issuer);
          }
        }
      }
      if (caFile.isPresent()) {
        for (Certificate certificate : readCertificates(caFile.get(), "Agent.CAInfo")) {
          trust.setCertificateEntry("agent-ca-" + index++, certificate);
        }
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      KeyManager[] keys = null;
      if (clientCertificate.isPresent() && clientCertificate.get().archive().isPresent()) {
        ClientCertificate client = clientCertificate.get();
        Path archive = client.archive().get();
        char[] password =
            client.passphrase().map(s -> s.reveal().toCharArray()).orElse(new char[0]);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(archive)) {
          store.load(in, password);
        } catch (IOException | GeneralSecurityException failure) {
          throw new TaskException(
              "AgentClientCertificateUnreadable",
              "The agent's client certificate archive "
                  + archive
                  + " (Agent.ClientCertArchive) cannot be read: "
                  + failure.getClass().getSimpleName()
                  + ". Check the file and its password in the agent configuration.");
        }
        KeyManagerFactory keyFactory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyFactory.init(store, password);
        keys = keyFactory.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException failure) {
      throw new TaskException(
          "TlsSetupFailed",
          "Cannot set up TLS with the agent's certificate settings: " + failure.getMessage());
    }
  }

  private static List<Certificate> readCertificates(Path file, String variable) {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> certificates =
          new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certificates.isEmpty()) {
        throw new TaskException(
            "AgentCertificateFileEmpty",
            "The certificate file " + file + " (" + variable + ") holds no PEM certificate.");
      }
      return certificates;
    } catch (IOException | GeneralSecurityException failure) {
      throw new TaskException(
          "AgentCertificateFileUnreadable",
          "The certificate file "
              + file
              + " ("
              + variable
              + ") cannot be read as PEM certificates: "
              + failure.getMessage()
              + ". Point the agent's CA setting at a PEM file.");
    }
  }

  private static Optional<String> nonEmpty(AgentEnvironment env, String variable) {
    return env.variable(variable).filter(v -> !v.isBlank());
  }

  private static List<Pattern> bypassList(String json) {
    List<Pattern> patterns = new ArrayList<>();
    List<String> entries;
    try {
      entries = Json.parseStringArray(json);
    } catch (IllegalArgumentException bad) {
      throw new TaskException(
          "AgentProxyBypassListInvalid",
          "Agent.ProxyBypassList is not a JSON array of regular expressions ("
              + bad.getMessage()
              + "). Fix the agent's .proxybypass configuration.");
    }
    for (String entry : entries) {
      try {
        patterns.add(Pattern.compile(entry, Pattern.CASE_INSENSITIVE));
      } catch (PatternSyntaxException bad) {
        throw new TaskException(
            "AgentProxyBypassListInvalid",
            "Agent.ProxyBypassList holds an invalid regular expression '"
                + entry
                + "': "
                + bad.getDescription()
                + ".");
      }
    }
    return patterns;
  }

  /**
   * The agent's proxy.
   *
   * @param url {@code Agent.ProxyUrl}
   * @param username {@code Agent.ProxyUsername}
   * @param password {@code Agent.ProxyPassword}, a secret
   * @param bypass {@code Agent.ProxyBypassList}: request URLs matching any of these go direct
   */
  public record ProxySettings(
      URI url, Optional<String> username, Optional<Secret> password, List<Pattern> bypass) {
    /** Copies the bypass list. */
    public ProxySettings {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      bypass = List.copyOf(bypass);
    }

    /**
     * Whether a request URL bypasses the proxy: any bypass expression found in it, ignoring case,
     * as the Node library tests it.
     *
     * @param target the request URL
     */
    public boolean bypasses(URI target) {
      String text = target.toString();
      return bypass.stream().anyMatch(p -> p.matcher(text).find());
    }

    /** The proxy host and port; port 80 when the URL gives none. */
    public InetSocketAddress address() {
      int port =
          url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
      return InetSocketAddress.createUnresolved(url.getHost(), port);
    }

    /**
     * The proxy URL with its credentials, {@code scheme://user:password@host:port}, as tools such
     * as curl and az read it from {@code HTTPS_PROXY}. A secret, because it holds the password.
     */
    public Secret formattedUrl() {
      if (username.isEmpty()) {
        return Secret.of(url.toString());
      }
      String credentials = username.get() + password.map(p -> ":" + p.reveal()).orElse("");
      String authority = url.getRawAuthority();
      int at = authority.lastIndexOf('@');
      String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
      return Secret.of(url.getScheme() + "://" + credentials + "@" + hostPort);
    }

    @Override
    public String toString() {
      return "ProxySettings[url="
          + url
          + ", username="
          + username.orElse("")
          + ", bypass="
          + bypass
          + "]";
    }
  }

  /**
   * The agent's client certificate.
   *
   * @param certificate {@code Agent.ClientCert}: the PEM certificate
   * @param key {@code Agent.ClientCertKey}: the PEM private key
   * @param archive {@code Agent.ClientCertArchive}: the same as a PKCS#12 archive
   * @param passphrase {@code Agent.ClientCertPassword}, a secret
   */
  public record ClientCertificate(
      Path certificate, Optional<Path> key, Optional<Path> archive, Optional<Secret> passphrase) {
    /** Checks the components. */
    public ClientCertificate {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(archive, "archive");
      Objects.requireNonNull(passphrase, "passphrase");
    }
  }
}
