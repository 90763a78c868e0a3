#!/usr/bin/env bash
# Entrypoint of the heatwatch Flink image: adds the stack's own CA (mounted at
# /opt/heatwatch/ca.crt) to a copy of the JVM's trusted CAs and points Flink's JVMs at it, so the
# job's Elasticsearch client trusts the self-made CA; then runs Flink's own entrypoint.
set -euo pipefail
ca=/opt/heatwatch/ca.crt
if [ -f "$ca" ]; then
  store=/tmp/heatwatch-truststore.p12
  # Java 17's cacerts is PKCS12 with the well-known default password; it holds only public certs.
  cp "$JAVA_HOME/lib/security/cacerts" "$store"
  keytool -importcert -noprompt -alias heatwatch-ca -file "$ca" -keystore "$store" \
    -storepass changeit >/dev/null
  chmod 644 "$store"
  FLINK_PROPERTIES="${FLINK_PROPERTIES:-}
env.java.opts.all: -Djavax.net.ssl.trustStore=$store -Djavax.net.ssl.trustStorePassword=changeit"
  export FLINK_PROPERTIES
fi
exec /docker-entrypoint.sh "$@"
