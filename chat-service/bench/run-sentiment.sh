#!/usr/bin/env bash
# Sentiment benchmark: VADER (npm vader-sentiment 1.1.3), chat-service's lexicon rules and its production model
# (cross-validated) on the VADER ground-truth corpora. Run from the repository root:
#   bash chat-service/bench/run-sentiment.sh [data dir] [--write-model chat-service/src/main/resources/sentiment/ridge-minilm.txt]
# The texts' MiniLM embeddings are cached in chat-service/target/sentiment-minilm.bin (delete it to embed again).
# BENCH_JAVA_OPTS=-Dbench.variant=vaderlex or npmvader measures the experimental features of RESULTS.md's variants table,
# -Dbench.tweetweights=4 fixes the tweets' weight instead of choosing it among 1,2,4,8
# (not with --write-model: the service reads only the shipped features); -Dbench.dump=FILE writes the per-text scores.
set -euo pipefail
DATA=${1:-../shared/datasets/vader_groundtruth}
shift || true
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm install --silent --no-audit --no-fund vader-sentiment@1.1.3 >/dev/null)
node chat-service/bench/vader_scores.js "$DATA" "$WORK/node_modules" "$WORK/scores"
./mvnw -q -pl chat-service -am package -DskipTests
"$JAVA_HOME/bin/java" -Djarmode=tools -jar chat-service/target/chat-service-exec.jar extract --destination "$WORK/app" >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -Xmx3g -cp "$WORK/app/lib/*:chat-service/target/classes" ${BENCH_JAVA_OPTS:-} chat-service/bench/SentimentBenchmark.java \
  "$DATA" "$WORK/scores" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
