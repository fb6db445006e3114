#!/usr/bin/env bash
# API fuzzing: schemathesis generates requests from /openapi.json against the embedded platform
# (started here on 127.0.0.1, stopped after) with every check (tools/schemathesis.toml): any 5xx, undocumented
# status, response off its schema, or request valid by the document yet refused with 400 fails. Needs Python 3 with pip (PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
examples="${FUZZ_MAX_EXAMPLES:-25}"
venv=tmp/fuzz-venv
if [ ! -x "$venv/bin/st" ]; then
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis==4.32.5'; }; then
    echo "SKIPPED API fuzzing: could not install schemathesis with python3 -m venv + pip (needs Python 3 and PyPI)"
    exit 0
  fi
fi
[ -f dist/apps/platform/src/main.js ] || npm run -s build
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
data=$(mktemp -d)
PORT=$port DATA_DIR="$data" BACKUP_DIR="$data/backups" RATE_LIMIT_PER_MINUTE=0 LOG_LEVEL=error node dist/apps/platform/src/main.js > "$data/platform.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
node -e "(async()=>{for(let i=0;i<150;i++){try{if((await fetch('http://127.0.0.1:$port/health')).ok)return}catch{}await new Promise(r=>setTimeout(r,200))}process.exit(1)})()" \
  || { echo "the platform did not start:"; cat "$data/platform.log"; exit 1; }
token=$(node dist/tools/token.js --sub fuzzer --role ops-manager --role ops-staff --role sales --role finance --role executive --role admin --role account-manager --role account-director --role media-manager --role media-director --role production-manager --role production-director --role art-director)
status=0
"$venv/bin/st" --config-file tools/schemathesis.toml run "http://127.0.0.1:$port/openapi.json" -H "Authorization: Bearer $token" \
  --checks "${FUZZ_CHECKS:-all}" --max-examples "$examples" --workers 2 --phases examples,coverage,fuzzing --seed 20261125 \
  2>&1 | tee "$data/st.log" || status=$?
# schemathesis also exits non-zero on its own internal errors (e.g. a Hypothesis FlakyFailure while
# drawing examples). Those say nothing about the API: only failed checks (a FAILURES section) or a
# server error in the platform's log fail this run.
if [ "$status" -ne 0 ] && ! grep -q '= FAILURES =' "$data/st.log"; then
  echo "schemathesis reported only errors of its own (no failed check); not counted as an API failure"
  status=0
fi
if grep -q '"level":50' "$data/platform.log"; then
  echo "server errors logged by the platform:"; grep '"level":50' "$data/platform.log" | head -5; status=1
fi
exit $status
