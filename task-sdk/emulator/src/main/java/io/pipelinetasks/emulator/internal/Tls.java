package io.pipelinetasks.emulator.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The emulator's certificate authority, its TLS server certificate and the contexts built on them.
 */
public final class Tls {
  private static final String ALIAS = "emulator";

  private final X509Certificate ca;
  private final X509Certificate[] chain;
  private final PrivateKey serverKey;
  private volatile SSLContext clientContext;

  private Tls(X509Certificate ca, X509Certificate leaf, PrivateKey serverKey) {
    this.ca = ca;
    this.chain = new X509Certificate[] {leaf, ca};
    this.serverKey = serverKey;
  }

  /** Makes a fresh CA and a server certificate for the given names; the CA key is discarded. */
  public static Tls generate(List<String> dnsNames, List<String> ipAddresses) {
    Instant now = Instant.now();
    Pki.Issued ca = Pki.certificateAuthority("pipelinetasks Azure emulator CA", now);
    Pki.Issued leaf = Pki.serverCertificate(ca, dnsNames, ipAddresses, now);
    return new Tls(ca.certificate(), leaf.certificate(), leaf.privateKey());
  }

  public X509Certificate ca() {
    return ca;
  }

  public X509Certificate serverCertificate() {
    return chain[0];
  }

  public String caPem() {
    try {
      return Pki.pem("CERTIFICATE", ca.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The server side. A hand-written key manager rather than a {@code KeyManagerFactory}: loading a
   * key into a PKCS12 key store encrypts it with PBKDF2, which costs tens of milliseconds.
   */
  public SSLContext serverContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      // An empty trust-manager array: null would load the JDK's cacerts, which the server never
      // needs (it asks for no client certificates).
      context.init(new KeyManager[] {new FixedKeyManager()}, new TrustManager[0], null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot set up TLS", e);
    }
  }

  /** A client context that trusts only the emulator's CA. */
  public SSLContext clientContext() {
    SSLContext context = clientContext;
    if (context == null) {
      try {
        TrustManagerFactory factory =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore());
        context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        clientContext = context;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException("Cannot set up a client TLS context", e);
      }
    }
    return context;
  }

  /** Writes the CA as a PKCS12 trust store. */
  public void writeTrustStore(Path file, char[] password) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      trustStore().store(out, password);
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot write the trust store " + file, e);
    }
  }

  private KeyStore trustStore() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("pipelinetasks-emulator-ca", ca);
    return store;
  }

  private final class FixedKeyManager extends X509ExtendedKeyManager {
    private String alias(String keyType) {
      return keyType != null && keyType.startsWith("EC") ? ALIAS : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      String alias = alias(keyType);
      return alias == null ? null : new String[] {alias};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return alias(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return alias(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? serverKey : null;
    }
  }
}
