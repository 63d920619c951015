#!/usr/bin/env bash
# Offline speech accuracy: eSpeak NG speaks 20 support sentences, PocketSphinx (through chat-service's own resampling
# and recogniser classes) transcribes them; prints WER per input sample rate. Needs the Debian packages espeak-ng,
# pocketsphinx and pocketsphinx-en-us (.ci/install-infra.sh) and a built chat-service (it reads target/classes).
# Usage, from the repository root: chat-service/bench/run-speech-accuracy.sh [words-per-minute] ["decoder arguments"]
set -euo pipefail
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -cp chat-service/target/classes \
  chat-service/bench/SpeechAccuracy.java "$@"
