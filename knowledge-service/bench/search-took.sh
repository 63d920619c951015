#!/usr/bin/env bash
# Searches with a query vector through the gateway of a running local stack and prints the median and p90 of the
# round trip (curl) and of knowledge-service's own time (the response's took_ms). The turn benchmark's knowledge base
# (chat-service/bench/run-turns.sh, 10,000 passages) is the one the figures in RESULTS.md were taken on:
#   LOCAL_DATA_DIR=/tmp/turnbench ROOT_API_KEY=bench-root-key-42 deploy/local/run.sh   # then, in another shell:
#   bash knowledge-service/bench/search-took.sh [searches=200] [api key=bench-root-key-42] [gateway=http://localhost:8080]
set -euo pipefail
N=${1:-200}
KEY=${2:-bench-root-key-42}
URL=${3:-http://localhost:8080}
BODY=$(mktemp)
OUT=$(mktemp)
trap 'rm -f "$BODY" "$OUT"' EXIT
# a fixed random vector of the in-process model: the search embeds nothing and scans every vector
python3 -c "
import json, random
random.seed(1)
print(json.dumps({'query': 'how do I top up my card', 'top_k': 5,
                  'query_vector': {'model': 'all-minilm-l6-v2', 'values': [random.gauss(0, 1) for _ in range(384)]}}))" > "$BODY"
for _ in $(seq 1 "$N"); do
  curl -s -o "$OUT" -w '%{time_total} ' -H "X-API-Key: $KEY" -H 'Content-Type: application/json' -d @"$BODY" "$URL/api/v1/knowledge-base/search"
  grep -o '"took_ms":[0-9]*' "$OUT" | cut -d: -f2
done | python3 -c "
import sys
rtt, took = [], []
for line in sys.stdin:
    a, b = line.split(); rtt.append(float(a) * 1000); took.append(float(b))
rtt.sort(); took.sort(); n = len(rtt)
print('searches %d: round trip p50 %.1f ms, p90 %.1f ms; took_ms p50 %.0f, p90 %.0f' % (n, rtt[n // 2], rtt[n * 9 // 10], took[n // 2], took[n * 9 // 10]))"
