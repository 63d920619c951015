#!/usr/bin/env bash
# Installs and starts what the tests need on a Debian machine: PostgreSQL with pgvector, Redis, and the offline
# speech engines (PocketSphinx with its English model, eSpeak NG) that chat-service's voice tests run.
# Idempotent: every step checks first, so a warm machine passes through in seconds.
set -euo pipefail

log() { echo "[infra] $*"; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $SUDO apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- PostgreSQL -------------------------------------------------------------
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  log "installing PostgreSQL"; apt_install postgresql postgresql-contrib
fi
PG_MAJOR=$(ls /etc/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  log "starting PostgreSQL $PG_MAJOR"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start
fi

# --- pgvector (Debian 12 does not package it: build it from the next release's source package) ---
if [ ! -f "/usr/share/postgresql/$PG_MAJOR/extension/vector.control" ]; then
  log "building pgvector from Debian's source package"
  apt_install dpkg-dev "postgresql-server-dev-$PG_MAJOR" gcc make
  src_list=/etc/apt/sources.list.d/pgvector-src.sources
  if [ ! -f "$src_list" ]; then
    # Reuse the Debian mirror this machine already uses; no host name is written here.
    uri=$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1 | awk '{print $2}')
    [ -n "$uri" ] || uri=$(grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | grep -v security | head -1 | awk '{print $2}')
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" | $SUDO tee "$src_list" >/dev/null
    $SUDO apt-get update -qq
  fi
  work=$(mktemp -d); (cd "$work" && apt-get source -qq pgvector >/dev/null 2>&1)
  dir=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | head -1)
  (cd "$dir" && make -s PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null && $SUDO make -s install PG_CONFIG="/usr/lib/postgresql/$PG_MAJOR/bin/pg_config" >/dev/null)
  rm -rf "$work"
fi

# A database for the tests, owned by postgres, with the extension created once by a superuser.
psql_su() { $SUDO -u postgres psql -v ON_ERROR_STOP=1 -qAt "$@" 2>/dev/null || psql -U postgres -h 127.0.0.1 -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_su -c "select 1 from pg_database where datname='support_test'")" != "1" ]; then
  psql_su -c "create database support_test"
fi
psql_su -d support_test -c "create extension if not exists vector"

# --- Redis --------------------------------------------------------------------
if ! command -v redis-server >/dev/null 2>&1; then
  log "installing Redis"; apt_install redis-server
fi
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  log "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.1; done
fi
# --- Offline speech engines (chat-service's default speech-to-text and text-to-speech) ----------------------
if ! command -v pocketsphinx_continuous >/dev/null 2>&1 || [ ! -d /usr/share/pocketsphinx/model/en-us ] \
   || ! command -v espeak-ng >/dev/null 2>&1; then
  log "installing PocketSphinx (en-us model) and eSpeak NG"; apt_install pocketsphinx pocketsphinx-en-us espeak-ng
fi
# --- What deploy/e2e's contract samples run with: python3 (standard library only), node >= 20, curl -----------
missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  missing+=(nodejs)
fi
if [ ${#missing[@]} -gt 0 ]; then log "installing ${missing[*]}"; apt_install "${missing[@]}"; fi
log "PostgreSQL $PG_MAJOR with pgvector, Redis, PocketSphinx, eSpeak NG, python3, node and curl are ready"
