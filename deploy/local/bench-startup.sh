#!/usr/bin/env bash
# Measures the local stack (issue 2 benchmark): time from `deploy/local/run.sh` to "ready" (every service healthy),
# cold (fresh data folder: initdb, jars unpacked, no CDS archive yet) and warm (the same folder again), the resident
# memory of every process of the stack once it is ready, and the time Ctrl-C (SIGTERM) takes to stop it all.
#
#   deploy/local/bench-startup.sh [runs]     runs = how many starts on one fresh data folder (default 3: 1 cold, 2 warm)
#
# Builds nothing: build first (deploy/local/run.sh does, or ./mvnw -DskipTests install). Uses the ports run.sh uses.
# Memory: VmRSS from /proc/<pid>/status (what the issue asks for; it counts PostgreSQL's shared buffers once per
# backend) and Pss from /proc/<pid>/smaps_rollup (shared pages divided among the processes sharing them).
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-3}"
DATA="$(mktemp -d "${TMPDIR:-/tmp}/local-bench.XXXXXX")"
OUT="$DATA.out"
# KEEP=1 keeps the data folder (logs of every run) for a look afterwards.
trap '[ "${KEEP:-0}" = 1 ] && echo "data folder kept: $DATA" || rm -rf "$DATA" "$OUT"' EXIT

descendants() {
  local child
  for child in $(pgrep -P "$1" || true); do
    echo "$child"
    descendants "$child"
  done
}

label_of() {
  local cmd
  cmd="$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null || true)"
  case "$cmd" in
    *local-launcher-exec.jar*) echo "launcher+kafka-broker" ;;
    *-jar*/app/*) echo "$cmd" | sed -E 's#.*/app/([^/]+)/.*#\1#' ;;
    *redis-server*) echo "redis" ;;
    *postgres*) echo "postgresql(all-processes)" ;;
    *) echo "other" ;;
  esac
}

kb() { awk -v key="$2:" '$1 == key { print $2 }' "$1" 2>/dev/null || echo 0; }

measure_memory() {
  local root="$1" pid label rss pss
  declare -A RSS PSS
  # pg_ctl daemonizes PostgreSQL: its processes are found by their data folder, not under the launcher.
  local postmaster
  postmaster="$(pgrep -f -- "-D $DATA/postgres" | head -1 || true)"
  for pid in $(descendants "$root") ${postmaster:+$postmaster $(descendants "$postmaster")}; do
    [ -r "/proc/$pid/status" ] || continue
    label="$(label_of "$pid")"
    [ "$label" = other ] && continue
    rss="$(kb "/proc/$pid/status" VmRSS)"
    pss="$(kb "/proc/$pid/smaps_rollup" Pss)"
    RSS[$label]=$(( ${RSS[$label]:-0} + ${rss:-0} ))
    PSS[$label]=$(( ${PSS[$label]:-0} + ${pss:-0} ))
  done
  local total_rss=0 total_pss=0
  printf '| %-38s | %9s | %9s |\n' "process" "RSS MiB" "PSS MiB"
  printf '|%s|%s|%s|\n' "----------------------------------------" "-----------" "-----------"
  for label in $(printf '%s\n' "${!RSS[@]}" | sort); do
    printf '| %-38s | %9d | %9d |\n' "$label" $(( RSS[$label] / 1024 )) $(( PSS[$label] / 1024 ))
    total_rss=$(( total_rss + RSS[$label] ))
    total_pss=$(( total_pss + PSS[$label] ))
  done
  printf '| %-38s | %9d | %9d |\n' "**total**" $(( total_rss / 1024 )) $(( total_pss / 1024 ))
}

for run in $(seq 1 "$RUNS"); do
  kind=warm
  [ "$run" = 1 ] && kind="cold (fresh data folder)"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s%N)
  LOCAL_DATA_DIR="$DATA" LOCAL_SKIP_BUILD=1 "$REPO_DIR/deploy/local/run.sh" > "$OUT" 2>&1 &
  runner=$!
  until grep -q -e "platform is ready" -e "did not start" "$OUT" 2>/dev/null || ! kill -0 "$runner" 2>/dev/null; do
    sleep 0.2
  done
  ready=$(date +%s%N)
  if ! grep -q "platform is ready" "$OUT"; then
    cat "$OUT"
    exit 1
  fi
  echo "## run $run: $kind"
  echo
  echo "command to all healthy: $(( (ready - start) / 1000000 )) ms (load average before: $load)"
  grep -E '^\[' "$OUT" | sed 's/^/    /'
  sleep 10
  echo
  echo "memory 10 s after ready:"
  echo
  measure_memory "$runner"
  stop=$(date +%s%N)
  kill -TERM "$runner"
  wait "$runner" || true
  echo
  echo "stop (SIGTERM to everything stopped): $(( ($(date +%s%N) - stop) / 1000000 )) ms"
  echo
done
