#!/usr/bin/env bash
# Where the gateway's CPU goes per request: the benchmark's gateway (see run.sh) under wrk with Java Flight Recorder
# on, then a summary of the execution samples (JfrSummary.java): the hottest methods and the share of samples spent
# in each part of the request path. Usage: flock /tmp/platform.lock gateway/bench/profile.sh [seconds recorded]
set -euo pipefail

SECONDS_RECORDED="${1:-30}"
source "$(dirname "$0")/common.sh"
OUT="${PROFILE_OUT:-$HERE/../target/gateway-profile.jfr}"

start_nginx
start_gateway
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
warm_up
"${JAVA%/java}/jcmd" "$GATEWAY_PID" JFR.start name=bench settings=profile > /dev/null
before="$(gateway_cpu_ticks)"
result="$(API_KEY="$API_KEY" DELAY_MS=0 wrk -t2 -c16 -d"${SECONDS_RECORDED}s" -s "$HERE/wrk.lua" \
    "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST" | grep '^RESULT')"
after="$(gateway_cpu_ticks)"
"${JAVA%/java}/jcmd" "$GATEWAY_PID" JFR.stop name=bench filename="$OUT" > /dev/null
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$result" | awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$SECONDS_RECORDED" \
    '{printf "gateway: %s requests/s, p50 %s ms, p99 %s ms, %.0f us of CPU per request\n", $2, $3, $4, t / hz * 1e6 / ($2 * s)}'
"$JAVA" "$HERE/JfrSummary.java" "$OUT"
