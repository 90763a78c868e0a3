#!/usr/bin/env bash
# Entrypoint of the watchdog image: trusts the stack's own CA (mounted at /opt/heatwatch/ca.crt) for
# MQTT over TLS and Elasticsearch over HTTPS through a copy of the JVM's trusted CAs, then runs the
# watchdog with its settings file. Its stdout (CloudWatch EMF lines included) goes to the awslogs
# log driver.
set -euo pipefail
ca=/opt/heatwatch/ca.crt
trust=()
if [ -f "$ca" ]; then
  store=/tmp/heatwatch-truststore.p12
  # Java 17's cacerts is PKCS12 with the well-known default password; it holds only public certs.
  cp "$JAVA_HOME/lib/security/cacerts" "$store"
  keytool -importcert -noprompt -alias heatwatch-ca -file "$ca" -keystore "$store" \
    -storepass changeit >/dev/null
  trust=(-Djavax.net.ssl.trustStore="$store" -Djavax.net.ssl.trustStorePassword=changeit)
fi
exec java -XX:MaxRAMPercentage=50 "${trust[@]}" -jar /opt/heatwatch/heatwatch-watchdog.jar "$@"
