package io.heatwatch.edge.publish;

import java.nio.file.Path;
import javax.net.ssl.SSLSocketFactory;

/** Gives tests the agent's own PEM-based TLS socket factory for a client that only trusts a CA. */
public final class TlsTestSockets {
  private TlsTestSockets() {}

  public static SSLSocketFactory trusting(Path caFile) {
    return TlsSockets.socketFactory(new MqttSettings.Tls(caFile, null, null));
  }
}
