#!/usr/bin/env bash
# npm run test:infra — the adapters' conformance suites and the distributed end-to-end runs against
# real servers. Uses KAFKA_BROKERS / MONGO_URL / ESDB_URL when set; otherwise, where a Docker engine
# answers, starts Kafka, MongoDB and EventStoreDB with testcontainers; otherwise starts Kafka (jars
# from Maven Central) and FerretDB (built with go install) on 127.0.0.1. Stops what it started.
# Needs: a Docker engine, or JDK 17+ with Maven and Go, or the URLs of servers that already run.
set -euo pipefail
cd "$(dirname "$0")/../.."

started=()
cleanup() {
  for s in "${started[@]}"; do bash "tools/infra/$s.sh" stop >&2 || true; done
  if [ -n "${containers_pid:-}" ]; then kill "$containers_pid" 2>/dev/null && wait "$containers_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

[ -f dist/apps/operations/src/main.js ] && [ "${OOH_SKIP_BUILD:-}" = 1 ] || npm run -s build

# Where a Docker engine answers, testcontainers starts Kafka, MongoDB and EventStoreDB (tools/infra/containers.ts);
# OOH_INFRA=scripts uses the scripts below even then. Servers given by URL are used as they are.
containers_pid=""
if [ -z "${KAFKA_BROKERS:-}${MONGO_URL:-}${ESDB_URL:-}" ] && [ "${OOH_INFRA:-auto}" != scripts ] && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  echo "== a Docker engine answers: starting Kafka, MongoDB and EventStoreDB with testcontainers" >&2
  mkdir -p tmp/infra
  env_file="tmp/infra/containers.env"
  rm -f "$env_file"
  node dist/tools/infra/containers.js "$env_file" >&2 &
  containers_pid=$!
  for _ in $(seq 1 300); do
    [ -s "$env_file" ] && break
    kill -0 "$containers_pid" 2>/dev/null || break
    sleep 1
  done
  if [ -s "$env_file" ]; then
    set -a; . "$env_file"; set +a
  else
    echo "testcontainers did not start the servers (see above): falling back to tools/infra's Kafka and FerretDB, EventStoreDB SKIPPED" >&2
    kill "$containers_pid" 2>/dev/null || true
    containers_pid=""
  fi
else
  echo "== no Docker engine answers here (docker info failed or no docker CLI): testcontainers SKIPPED; Kafka and FerretDB come from tools/infra's scripts (Maven Central jars, go install), EventStoreDB is not started" >&2
fi

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
[ -n "${ESDB_URL:-}" ] || echo "EventStoreDB: ESDB_URL is not set and testcontainers did not start one; its conformance suite and fault case 13 report SKIPPED (set ESDB_URL=esdb://host:2113?tls=false to run them)." >&2

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
OOH_TEST_INFRA=1 npx jest --ci --runInBand --testPathPatterns 'libs/adapters/.*\.int\.spec\.ts$' 'libs/reporting/feature/src/feed/.*\.int\.spec\.ts$' '\.infra\.spec\.ts$' "$@"
