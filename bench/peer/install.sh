#!/usr/bin/env bash
# Installs the peer event store for bench/event-store-peer.ts into bench/peer/node_modules from the
# lockfile. sqlite3 is compiled from source (its bundled SQLite, a couple of minutes on 2 cores):
# no prebuilt binary is downloaded. Does nothing when it already loads. Prints one line on stdout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Explicit paths: a sqlite3 further up the tree must not count as installed here.
if node -e "require('./node_modules/sqlite3'); require('./node_modules/@event-driven-io/emmett-sqlite')" >/dev/null 2>&1; then
  echo "bench/peer: already installed (sqlite3 loads), nothing to do"
  exit 0
fi

export npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
# The environment variable reaches prebuild-install (sqlite3's install script) even where npm no
# longer forwards the unknown --build-from-source flag; either one makes it fall back to node-gyp.
export npm_config_build_from_source=true
npm ci --build-from-source --include=dev --no-audit --no-fund --loglevel=error >&2
node -e "require('./node_modules/sqlite3')"
echo "bench/peer: installed with npm ci, sqlite3 built from source in ${SECONDS} s"
