#!/usr/bin/env bash
# Knowledge-service benchmarks (issue 4), one command each; method and figures in bench/RESULTS.md.
#   knowledge-service/bench/run.sh quality [corpus...]   retrieval quality (StackFAQ four ways, BANKING77, CLINC150)
#   knowledge-service/bench/run.sh throughput            ingestion throughput ratio (BENCH_ROUNDS, default 5)
#   knowledge-service/bench/run.sh latency               search latency at 100,000 chunks (builds the corpus first)
#     (BENCH_JAVA_OPTS: JVM options for the measuring run of throughput and latency, e.g. -Dbench.warmup=2000
#      -Dbench.filteredQueries=200, or -Dbench.quantizedQueries=false for queries and titles in full precision)
# Needs PostgreSQL with pgvector (DATABASE_URL, default jdbc:postgresql://localhost:5432/support_test); works in the
# schema knowledge_bench only. Throughput and latency measure time: they run under flock /tmp/platform.lock (the
# latency corpus is built before taking the lock). Quality figures do not depend on load.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$HERE/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
DATASETS="$(cd "$ROOT/../shared/datasets" && pwd)"
WHAT="${1:-}"
shift || true

cd "$ROOT"
./mvnw -q -pl knowledge-service -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
cd knowledge-service
CP="target/classes:target/test-classes:$(cat target/bench.cp)"
run() { "$JAVA_HOME/bin/java" -Xmx2g -cp "$CP" "$@" 2>&1 | grep --line-buffered -v -e ' INFO ' -e ' WARN ' -e '^WARNING'; }
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

case "$WHAT" in
    quality)
        run dev.supportplatform.knowledge.bench.RetrievalQualityBenchmark "$DATASETS" "$@" ;;
    throughput)
        flock /tmp/platform.lock "$JAVA_HOME/bin/java" -Dbench.rounds="${BENCH_ROUNDS:-5}" ${BENCH_JAVA_OPTS:-} -cp "$CP" \
            dev.supportplatform.knowledge.bench.IngestionThroughputBenchmark "$DATASETS/stackfaq/stackExchange-FAQ.json" 2>&1 \
            | grep --line-buffered -v -e ' INFO ' -e ' WARN ' -e '^WARNING' ;;
    latency)
        run -Dbench.populateOnly=true dev.supportplatform.knowledge.bench.SearchLatencyBenchmark "$DATASETS/stackfaq/stackExchange-FAQ.json"
        flock /tmp/platform.lock "$JAVA_HOME/bin/java" -Dbench.queries="${BENCH_QUERIES:-1000}" ${BENCH_JAVA_OPTS:-} -cp "$CP" \
            dev.supportplatform.knowledge.bench.SearchLatencyBenchmark "$DATASETS/stackfaq/stackExchange-FAQ.json" 2>&1 \
            | grep --line-buffered -v -e ' INFO ' -e ' WARN ' -e '^WARNING' ;;
    *)
        echo "usage: $0 quality [corpus...] | throughput | latency" >&2
        exit 2 ;;
esac
