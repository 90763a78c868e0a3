#!/usr/bin/env bash
# Makes a private CA, the broker's server certificate and (optionally) client certificates.
#   infra/certs/make-certs.sh OUT_DIR [BROKER_HOST ...]
# OUT_DIR gets ca.crt/ca.key, server.crt/server.key (SANs: the given hosts, localhost, 127.0.0.1)
# and, for each name in $CLIENTS (space-separated, e.g. CLIENTS="heatwatch-bridge pi-kitchen"),
# NAME.crt/NAME.key/NAME.p12 (PKCS12 password $P12_PASSWORD, default "changeit").
# Existing files are kept, so re-running adds clients without replacing the CA.
set -euo pipefail
out=${1:?usage: make-certs.sh OUT_DIR [BROKER_HOST ...]}
shift
days=${DAYS:-825}
mkdir -p "$out"
cd "$out"
umask 077

if [[ ! -f ca.key ]]; then
  openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 3650 \
    -subj "/CN=heatwatch CA" -keyout ca.key -out ca.crt 2>/dev/null
fi

sans="DNS:localhost,IP:127.0.0.1"
for host in "$@"; do
  if [[ $host =~ ^[0-9.]+$ ]]; then sans+=",IP:$host"; else sans+=",DNS:$host"; fi
done

sign() { # name subject extensions
  openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$1.key" -out "$1.csr" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 \
    -days "$days" -extfile <(printf '%s\n' "$3") -out "$1.crt" 2>/dev/null
  rm -f "$1.csr"
}

if [[ ! -f server.crt ]]; then
  sign server "/CN=${1:-heatwatch-mqtt}" \
    "subjectAltName=$sans
extendedKeyUsage=serverAuth
keyUsage=digitalSignature,keyEncipherment"
fi

for client in ${CLIENTS:-}; do
  [[ -f "$client.crt" ]] && continue
  sign "$client" "/CN=$client" "extendedKeyUsage=clientAuth
keyUsage=digitalSignature,keyEncipherment"
  openssl pkcs12 -export -in "$client.crt" -inkey "$client.key" -certfile ca.crt \
    -name "$client" -passout "pass:${P12_PASSWORD:-changeit}" -out "$client.p12"
done

# Mosquitto reads the key files as its own user; the CA key stays private.
chmod 644 ca.crt server.crt
chmod 640 server.key
echo "certificates in $out: $(ls)"
