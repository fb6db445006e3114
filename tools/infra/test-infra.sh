#!/usr/bin/env bash
# npm run test:infra — the adapters' conformance suites and the distributed end-to-end run against
# real servers. Uses KAFKA_BROKERS / MONGO_URL / ESDB_URL when set; otherwise starts Kafka (jars from
# Maven Central) and FerretDB (built with go install) on 127.0.0.1 and stops them afterwards.
# Needs: JDK 17+ with Maven and Go, or the URLs of servers that already run.
set -euo pipefail
cd "$(dirname "$0")/../.."

started=()
cleanup() {
  for s in "${started[@]}"; do bash "tools/infra/$s.sh" stop >&2 || true; done
}
trap cleanup EXIT

# Servers this script starts are stopped at the end; ones that already ran are left running.
if [ -z "${KAFKA_BROKERS:-}" ]; then
  echo "== starting Kafka (tools/infra/kafka.sh)" >&2
  bash tools/infra/kafka.sh status >/dev/null 2>&1 || started+=(kafka)
  kafka_env="$(bash tools/infra/kafka.sh start)" || { echo "Kafka did not start: see the lines above and tmp/infra/kafka/kafka.log" >&2; exit 1; }
  [[ "$kafka_env" == KAFKA_BROKERS=* ]] || { echo "Kafka started but printed no KAFKA_BROKERS (got: $kafka_env)" >&2; exit 1; }
  eval "$kafka_env"
fi
if [ -z "${MONGO_URL:-}" ]; then
  echo "== starting FerretDB (tools/infra/ferretdb.sh)" >&2
  bash tools/infra/ferretdb.sh status >/dev/null 2>&1 || started+=(ferretdb)
  bash tools/infra/ferretdb.sh start >&2
  eval "$(bash tools/infra/ferretdb.sh env)"
fi
export KAFKA_BROKERS MONGO_URL
[ -n "${ESDB_URL:-}" ] || echo "EventStoreDB: ESDB_URL is not set and no Docker engine runs here; its conformance suite reports SKIPPED (set ESDB_URL=esdb://host:2113?tls=false to run it)." >&2

# The clients integrators and analysts use, outside the project's dependencies: kcat (Debian) and mongosh (npm, built here).
if ! command -v kcat >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "== installing kcat (Debian package)" >&2
  { apt-get install -y -qq kcat || { apt-get update -qq && apt-get install -y -qq kcat; }; } >/dev/null 2>&1 || echo "kcat did not install: its test reports SKIPPED" >&2
fi
MONGOSH="${MONGOSH:-$PWD/tmp/tools/mongosh/node_modules/.bin/mongosh}"
if [ ! -x "$MONGOSH" ]; then
  echo "== installing mongosh from npm into tmp/tools/mongosh (first run only)" >&2
  npm install --no-audit --no-fund --no-save --prefix tmp/tools/mongosh mongosh@2.12.0 >/dev/null 2>&1 || echo "mongosh did not install: its test reports SKIPPED" >&2
fi
export MONGOSH

echo "== infra tests: KAFKA_BROKERS=$KAFKA_BROKERS MONGO_URL=$MONGO_URL${ESDB_URL:+ ESDB_URL=$ESDB_URL}" >&2
[ -f dist/apps/operations/src/main.js ] && [ "${OOH_SKIP_BUILD:-}" = 1 ] || npm run -s build
OOH_TEST_INFRA=1 npx jest --ci --runInBand --testPathPatterns 'libs/adapters/.*\.int\.spec\.ts$' '\.infra\.spec\.ts$' "$@"
