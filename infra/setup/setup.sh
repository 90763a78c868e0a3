#!/usr/bin/env bash
# heatwatch setup (the compose `setup` service): Kafka topics, Elasticsearch roles and users, index
# templates + ILM, Kibana saved objects, Connect connectors. Idempotent: every step creates or
# overwrites, so re-running after an upgrade is safe. Fails at the first error, naming the step.
set -euo pipefail
here=${HEATWATCH_SETUP_ROOT:-/opt/heatwatch}
kafka_bin=${KAFKA_BIN:-/opt/kafka/bin}
kafka=${KAFKA_BOOTSTRAP:-kafka:9092}
es=${ES_URL:-https://elasticsearch:9200}
kibana=${KIBANA_URL:-https://kibana:5601}
connect=${CONNECT_URL:-http://connect:8083}
partitions=${HEATWATCH_READINGS_PARTITIONS:-3}
elastic_password="$(cat "${ELASTIC_PASSWORD_FILE:?}")"

# Credentials go to curl through a config file, never on a command line (ps shows those).
export CURL_HOME
CURL_HOME="$(mktemp -d)"
trap 'rm -rf "$CURL_HOME"' EXIT
quoted="${elastic_password//\\/\\\\}"
printf 'user = "elastic:%s"\ncacert = "%s/ca.crt"\nsilent\nshow-error\n' \
  "${quoted//\"/\\\"}" "$here" > "$CURL_HOME/.curlrc"

step() { echo "setup: $*"; }
# call METHOD URL [curl args...]: fails with the answer on a status >= 300. Bodies holding a
# password are piped in (--data @-) so they never show on a command line either.
call() {
  local method=$1 url=$2 out status
  shift 2
  out="$(mktemp)"
  status="$(curl -o "$out" -w '%{http_code}' -X "$method" "$url" "$@")"
  if [ "$status" -ge 300 ]; then
    echo "setup: $method $url answered $status: $(cat "$out")" >&2
    exit 1
  fi
  rm -f "$out"
}

step "Kafka topics"
topic() { # topic NAME PARTITIONS [--config k=v ...]
  local name=$1 count=$2
  shift 2
  "$kafka_bin/kafka-topics.sh" --bootstrap-server "$kafka" --create --if-not-exists \
    --topic "$name" --partitions "$count" --replication-factor 1 "$@"
}
# keyed by device: per-device order needs the same partition count for the life of the topic
topic heatwatch.readings "$partitions" --config retention.ms=604800000
topic temperature_msg "$partitions"
topic heatwatch.readings.invalid 1 --config retention.ms=2592000000
topic heatwatch.readings.dlq 1 --config retention.ms=2592000000
topic heatwatch.downlink.dlq 1 --config retention.ms=2592000000
topic heatwatch.alarms "$partitions"
topic heatwatch.alarm-commands "$partitions"
topic heatwatch.device-status "$partitions" --config cleanup.policy=compact
topic heatwatch.sensor-config "$partitions" --config cleanup.policy=compact
# notification intents (key alarmId) and the notifier's delivery log (key notification id): the log
# is read whole at the notifier's start, so it keeps only the latest record per id
topic heatwatch.notifications "$partitions" --config retention.ms=2592000000
topic heatwatch.notification-log 1 --config cleanup.policy=compact
# channels, recipients and policies set in the console, and its "send test" requests
topic heatwatch.notifier-settings 1 --config cleanup.policy=compact

step "Elasticsearch roles and users"
jq -n --arg p "$KIBANA_SYSTEM_PASSWORD" '{password: $p}' |
  call PUT "$es/_security/user/kibana_system/_password" -H 'Content-Type: application/json' --data @-
# the job: write (and create daily indices) in heatwatch-* and nothing else
call PUT "$es/_security/role/heatwatch_writer" -H 'Content-Type: application/json' --data '{
  "indices": [{"names": ["heatwatch-*"],
               "privileges": ["create_index", "write", "view_index_metadata"]}]}'
jq -n --arg p "$HEATWATCH_JOB_ES_PASSWORD" '{password: $p, roles: ["heatwatch_writer"]}' |
  call PUT "$es/_security/user/heatwatch-job" -H 'Content-Type: application/json' --data @-

# the console: read what the job writes, append (create_doc only) to its audit index, no cluster
# privileges; setup creates heatwatch-audit below, so the role needs neither create_index nor
# auto_configure
call PUT "$es/_security/role/heatwatch_console" -H 'Content-Type: application/json' --data '{
  "indices": [
    {"names": ["heatwatch-readings-*", "heatwatch-metrics-*", "heatwatch-alarms", "heatwatch-devices"],
     "privileges": ["read", "view_index_metadata"]},
    {"names": ["heatwatch-audit"], "privileges": ["create_doc"]}]}'
# the password file is read as the console reads it: surrounding white space stripped
jq -n --rawfile p "${CONSOLE_ES_PASSWORD_FILE:?}" '{password: ($p | gsub("^\\s+|\\s+$"; "")), roles: ["heatwatch_console"]}' |
  call PUT "$es/_security/user/heatwatch-console" -H 'Content-Type: application/json' --data @-

# the pipeline watchdog: cluster health, the canary documents the job indexes, and its own
# PIPELINE_STALLED alarms (read the open ones at start, upsert by alarmId; auto_configure lets the
# first write create heatwatch-alarms when the job has not yet); nothing else, no delete
call PUT "$es/_security/role/heatwatch_watchdog" -H 'Content-Type: application/json' --data '{
  "cluster": ["monitor"],
  "indices": [
    {"names": ["heatwatch-canary"], "privileges": ["read"]},
    {"names": ["heatwatch-alarms"], "privileges": ["read", "index", "auto_configure"]}]}'
jq -n --rawfile p "${WATCHDOG_ES_PASSWORD_FILE:?}" '{password: ($p | gsub("^\\s+|\\s+$"; "")), roles: ["heatwatch_watchdog"]}' |
  call PUT "$es/_security/user/heatwatch-watchdog" -H 'Content-Type: application/json' --data @-

step "Elasticsearch ILM policies and index templates"
"$here/elasticsearch/install.sh" "$es"

step "Elasticsearch audit index"
# after the templates, so it takes heatwatch-audit's mapping; an existing index is left as it is
out="$(mktemp)"
status="$(curl -o "$out" -w '%{http_code}' -X PUT "$es/heatwatch-audit")"
if [ "$status" -ge 300 ] && ! grep -q resource_already_exists_exception "$out"; then
  echo "setup: PUT $es/heatwatch-audit answered $status: $(cat "$out")" >&2
  exit 1
fi
rm -f "$out"

step "Kibana read-only role, viewer user and saved objects"
call PUT "$kibana/api/security/role/heatwatch_viewer" -H 'kbn-xsrf: true' \
  -H 'Content-Type: application/json' --data '{
  "elasticsearch": {"indices": [{"names": ["heatwatch-*"], "privileges": ["read", "view_index_metadata"]}]},
  "kibana": [{"base": ["read"], "spaces": ["*"]}]}'
jq -n --arg p "$HEATWATCH_VIEWER_PASSWORD" '{password: $p, roles: ["heatwatch_viewer"]}' |
  call PUT "$es/_security/user/heatwatch-viewer" -H 'Content-Type: application/json' --data @-
call POST "$kibana/api/saved_objects/_import?overwrite=true" -H 'kbn-xsrf: true' \
  --form "file=@$here/kibana/heatwatch.ndjson"

step "Connectors"
for file in "$here"/connect/*.json; do
  name="$(jq -r .name "$file")"
  # -q first: no .curlrc, so the elastic credentials never travel to Connect
  curl -q -sS --fail-with-body -o /dev/null -X PUT "$connect/connectors/$name/config" \
    -H 'Content-Type: application/json' --data "$(jq .config "$file")"
  echo "$file -> $name"
done
step "done"
