#!/usr/bin/env bash
# What each setting costs: the benchmark's gateway (see run.sh) started once per variant, warmed up, then measured
# for 20 s at 16 connections: requests/s and the gateway's CPU time per request (robust to other load on the machine).
# Each argument is one variant: "label;VAR=value VAR2=value;java options" (either part may be empty).
# Usage: flock /tmp/platform.lock gateway/bench/variants.sh "shipped;;" "no tracing;TRACING_SAMPLING_PROBABILITY=0;"
set -euo pipefail

source "$(dirname "$0")/common.sh"
start_nginx
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "variant;requests_per_s;p50_ms;p99_ms;gateway_cpu_us"
for variant in "$@"; do
    IFS=';' read -r label vars opts <<< "$variant"
    # shellcheck disable=SC2086
    (
        [ -n "$vars" ] && export $vars
        GATEWAY_JAVA_OPTS="$opts"
        start_gateway
        warm_up 2> /dev/null
        before="$(gateway_cpu_ticks)"
        result="$(API_KEY="$API_KEY" DELAY_MS=0 wrk -t2 -c16 -d20s -s "$HERE/wrk.lua" \
            "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST" | grep '^RESULT')"
        after="$(gateway_cpu_ticks)"
        echo "$result" | awk -v l="$label" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" \
            '{printf "%s;%s;%s;%s;%.0f\n", l, $2, $3, $4, t / hz * 1e6 / ($2 * 20)}'
        kill "$GATEWAY_PID"; wait "$GATEWAY_PID" 2> /dev/null || true
    )
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
