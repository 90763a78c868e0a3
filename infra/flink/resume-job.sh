#!/usr/bin/env bash
# Start-up of the heatwatch JobManager (the compose `jobmanager` entrypoint; application mode, no
# HA). Its arguments are the standalone-job command line. A JobManager started again (the container
# restarted after the job failed, a host reboot) would otherwise start the job with empty state:
# open alarms would never clear and the same condition would open a second one. So unless the
# operator gave a savepoint (--fromSavepoint, for an upgrade), it resumes from the newest complete
# checkpoint retained under the job's --checkpoint.dir (<dir>/<job id>/chk-<n>, complete when its
# _metadata, written last, is there and not empty), and starts fresh only when there is none.
# Then it runs the image's entrypoint (HEATWATCH_NEXT_ENTRYPOINT, for tests).
set -euo pipefail
next=${HEATWATCH_NEXT_ENTRYPOINT:-/opt/heatwatch/trust-ca.sh}
log() { echo "resume-job: $*" >&2; }

args=("$@")
dir=
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --fromSavepoint | -s)
      log "savepoint given (${args[i + 1]:-}): starting from it as set"
      exec "$next" "${args[@]}"
      ;;
    --checkpoint.dir) dir=${args[i + 1]:-} ;;
  esac
done

local_dir=${dir#file://}
if [ -z "$dir" ] || [ "$local_dir" = "$dir" ]; then
  log "no local --checkpoint.dir ('$dir'): cannot look for a checkpoint; starting with empty state"
  exec "$next" "${args[@]}"
fi

# Newest by the time its _metadata was written: a job started fresh counts checkpoints from 1
# again, under a new job id.
newest=
if [ -d "$local_dir" ]; then
  newest=$(find "$local_dir" -mindepth 3 -maxdepth 3 -type f -name _metadata -size +0 \
    -path '*/chk-[0-9]*/_metadata' -printf '%T@\t%h\0' |
    sort -z -t $'\t' -k1,1g | tail -z -n 1 | cut -z -f 2- | tr -d '\0')
fi
if [ -z "$newest" ]; then
  log "no complete checkpoint under $local_dir: starting with empty state"
  exec "$next" "${args[@]}"
fi
log "resuming from $newest (the newest complete checkpoint under $local_dir)"
exec "$next" "${args[0]}" --fromSavepoint "$newest" "${args[@]:1}"
