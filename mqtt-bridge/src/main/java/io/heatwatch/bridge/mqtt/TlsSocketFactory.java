package io.heatwatch.bridge.mqtt;

import io.heatwatch.bridge.config.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** Builds the TLS socket factory of a {@link TlsConfig}: PEM CA or trust store, key store. */
final class TlsSocketFactory {
  private TlsSocketFactory() {}

  static SSLSocketFactory of(TlsConfig tls) {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore(tls));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(tls), trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("TLS settings (mqtt.ssl.*) unusable: " + e);
    }
  }

  /** The trust store, or null for the JVM's default trust. */
  private static KeyStore trustStore(TlsConfig tls) throws GeneralSecurityException, IOException {
    if (!tls.caLocation().isEmpty()) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      try (InputStream in = Files.newInputStream(Path.of(tls.caLocation()))) {
        int i = 0;
        for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("ca-" + i++, ca);
        }
        if (i == 0) {
          throw new ConfigException(
              TlsConfig.CA_LOCATION_CONFIG, tls.caLocation(), "no PEM certificate in the file");
        }
      }
      return store;
    }
    if (!tls.trustStoreLocation().isEmpty()) {
      return load(tls.trustStoreLocation(), tls.trustStoreType(), tls.trustStorePassword().value());
    }
    return null;
  }

  private static KeyManager[] keyManagers(TlsConfig tls)
      throws GeneralSecurityException, IOException {
    if (tls.keyStoreLocation().isEmpty()) {
      return null;
    }
    char[] password = tls.keyStorePassword().value().toCharArray();
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(
        load(tls.keyStoreLocation(), tls.keyStoreType(), tls.keyStorePassword().value()), password);
    return keys.getKeyManagers();
  }

  private static KeyStore load(String location, String type, String password)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      store.load(in, password.toCharArray());
    }
    return store;
  }
}
