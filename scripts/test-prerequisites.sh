#!/usr/bin/env bash
# Installs what the test suite needs that a fresh machine may lack. Idempotent and quiet when
# everything is present. Needs root (CI and developer machines run as root) for apt-get.
#  - PostgreSQL server binaries (initdb, pg_ctl): the persistence tests start their own private
#    server on loopback and stop it afterwards (see scripts/postgres-test-server.sh).
#  - Chromium (Debian `chromium`): the notebook tests render a chart page headless and check
#    that plotly.js drew it without script errors (tests/Adrn.Notebooks.Tests, tests/Adrn.Cli.Tests).
#  - Node.js and npm (Debian `nodejs`, `npm`), then the DuckDB Node client (npm `@duckdb/node-api`, pinned; its
#    native library comes inside the npm package @duckdb/node-bindings-linux-x64) under .test-work/duckdb: the
#    independent reader that runs the DuckDB statements of docs/interop.md on the Parquet and CSV outputs.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duckdb_version=1.5.6-r.1

need_apt=()
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need_apt+=(postgresql)
fi
if [ ! -x /usr/bin/chromium ]; then
  need_apt+=(chromium)
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  need_apt+=(nodejs npm)
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

duckdb_dir="$root/.test-work/duckdb"
if ! grep -qs "\"version\": \"$duckdb_version\"" "$duckdb_dir/node_modules/@duckdb/node-api/package.json"; then
  echo "== installing the DuckDB Node client (@duckdb/node-api $duckdb_version) under .test-work/duckdb"
  mkdir -p "$duckdb_dir"
  (cd "$duckdb_dir" && npm install --no-audit --no-fund --no-save --silent "@duckdb/node-api@$duckdb_version" >/dev/null) \
    || { echo "npm install @duckdb/node-api@$duckdb_version failed" >&2; exit 1; }
fi
