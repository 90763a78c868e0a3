#!/bin/sh
# Installs the heatwatch ILM policies, then the index templates, into Elasticsearch 7.10+.
# Idempotent (plain PUTs). Usage: ./install.sh [http://localhost:9200]
# The Java side (io.heatwatch.job.sinks.IndexTemplates) installs the same files.
set -eu
ES="${1:-http://localhost:9200}"
cd "$(dirname "$0")"
response="$(mktemp)"
trap 'rm -f "$response"' EXIT

put() { # put <path> <file>
  status="$(curl -sS -o "$response" -w '%{http_code}' -X PUT "$ES$1" \
    -H 'Content-Type: application/json' --data-binary "@$2")"
  if [ "$status" -ge 300 ]; then
    echo "$2: PUT $ES$1 answered $status: $(cat "$response")" >&2
    exit 1
  fi
  echo "$2 -> $1"
}

for file in ilm/*.json; do
  put "/_ilm/policy/$(basename "$file" .json)" "$file"
done
for file in index-templates/*.json; do
  put "/_index_template/$(basename "$file" .json)" "$file"
done
