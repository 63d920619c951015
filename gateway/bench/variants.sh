#!/usr/bin/env bash
# What each setting costs, measured so that the machine's other load falls on every variant alike: one gateway per
# variant (see run.sh; ports 18080, 18081, ...), all running at once, warmed up, then measured in turns, 10 s each at
# 16 connections, ROUNDS times (default 5). Prints per variant the median requests/s and the median CPU time the
# gateway spent per request (process CPU: JIT and GC included), which depends far less on other load than requests/s.
# Each argument is one variant: "label;VAR=value VAR2=value;java options" (either part may be empty; VAR may be JAR).
# Usage: flock /tmp/platform.lock gateway/bench/variants.sh "shipped;;" "ParallelGC;;-XX:+UseParallelGC"
set -euo pipefail

source "$(dirname "$0")/common.sh"
ROUNDS="${ROUNDS:-5}"
labels=(); pids=(); ports=(); keys=()
cleanup_variants() {
    for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
    cleanup
}
trap cleanup_variants EXIT

start_nginx
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 0 $(($# - 1))); do
    variant="${*:$((i + 1)):1}"
    IFS=';' read -r label vars opts <<< "$variant"
    GATEWAY_PORT=$((18080 + i))
    GATEWAY_JAVA_OPTS="$opts"
    # shellcheck disable=SC2086
    ( [ -n "$vars" ] && export $vars; start_gateway; echo "$GATEWAY_PID $API_KEY" > "$WORK/variant-$i" )
    read -r pid key < "$WORK/variant-$i"
    labels+=("$label"); pids+=("$pid"); ports+=("$GATEWAY_PORT"); keys+=("$key")
done

measure() { # index seconds -> "requests_per_s cpu_us_per_request"
    local before after result
    before="$(awk '{print $14 + $15}' "/proc/${pids[$1]}/stat")"
    result="$(API_KEY="${keys[$1]}" DELAY_MS=0 wrk -t2 -c16 -d"$2s" -s "$HERE/wrk.lua" \
        "http://127.0.0.1:${ports[$1]}$PATH_UNDER_TEST" | awk '/^RESULT/ {print $2}')"
    after="$(awk '{print $14 + $15}' "/proc/${pids[$1]}/stat")"
    awk -v r="$result" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$2" \
        'BEGIN {printf "%d %.0f\n", r, t / hz * 1e6 / (r * s)}'
}

for _ in $(seq 1 "${WARMUP_TURNS:-6}"); do # warm-up, in turns too
    for i in "${!labels[@]}"; do measure "$i" 10 > /dev/null; done
done
for round in $(seq 1 "$ROUNDS"); do
    for i in "${!labels[@]}"; do
        echo "$i $(measure "$i" 10)" >> "$WORK/measurements"
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "variant;median requests/s;median gateway CPU us per request;CPU us per round"
for i in "${!labels[@]}"; do
    rps="$(awk -v i="$i" '$1 == i {print $2}' "$WORK/measurements" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
    cpu="$(awk -v i="$i" '$1 == i {print $3}' "$WORK/measurements" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
    all="$(awk -v i="$i" '$1 == i {printf "%s ", $3}' "$WORK/measurements")"
    echo "${labels[$i]};$rps;$cpu;$all"
done
