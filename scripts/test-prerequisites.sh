#!/usr/bin/env bash
# Installs what the test suite needs that a fresh machine may lack. Idempotent and quiet when
# everything is present. Needs root (CI and developer machines run as root) for apt-get.
#  - PostgreSQL server binaries (initdb, pg_ctl): the persistence tests start their own private
#    server on loopback and stop it afterwards (see scripts/postgres-test-server.sh).
#  - Chromium (Debian `chromium`): the notebook tests render a chart page headless and check
#    that plotly.js drew it without script errors (tests/Adrn.Notebooks.Tests).
set -euo pipefail

need_apt=()
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need_apt+=(postgresql)
fi
if [ ! -x /usr/bin/chromium ]; then
  need_apt+=(chromium)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== installing test prerequisites: ${need_apt[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "need root to apt-get install ${need_apt[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
