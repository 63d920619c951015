#!/usr/bin/env bash
# Sentiment benchmark: chat-service's scorer side by side with VADER (npm vader-sentiment 1.1.3) on the VADER
# ground-truth corpora. Run from the repository root after building chat-service (it reads target/classes).
set -euo pipefail
DATA=${1:-../shared/datasets/vader_groundtruth}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm install --silent --no-audit --no-fund vader-sentiment@1.1.3 >/dev/null)
node chat-service/bench/vader_scores.js "$DATA" "$WORK/node_modules" "$WORK/scores"
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -cp chat-service/target/classes \
  chat-service/bench/SentimentBenchmark.java "$DATA" "$WORK/scores"
