#!/usr/bin/env bash
# FerretDB v1 (SQLite backend) on loopback: a real MongoDB-wire database for tests.
# See tools/infra/FERRETDB.md. Run `tools/infra/ferretdb.sh --help`.
set -euo pipefail

FERRETDB_VERSION="v1.24.2"
FERRETDB_MODULE="github.com/FerretDB/FerretDB"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

CACHE_ROOT="${OOH_INFRA_CACHE:-$HOME/.cache/ooh-infra}"
BUILD_DIR="$CACHE_ROOT/ferretdb-$FERRETDB_VERSION"
BIN_DIR="$BUILD_DIR/bin"
BIN="$BIN_DIR/ferretdb"

INFRA_DIR="${OOH_INFRA_DIR:-$REPO_ROOT/tmp/infra}"
RUN_DIR="$INFRA_DIR/ferretdb"
DATA_DIR="$RUN_DIR/data"
STATE_DIR="$RUN_DIR/state"
LOG_FILE="$RUN_DIR/ferretdb.log"
PID_FILE="$RUN_DIR/ferretdb.pid"

HOST="127.0.0.1"
PORT="${FERRETDB_PORT:-27018}"
LOG_LEVEL="${FERRETDB_LOG_LEVEL:-info}"
# "-" disables FerretDB's debug HTTP listener (metrics/pprof); set e.g. 127.0.0.1:8089 to enable it.
DEBUG_ADDR="${FERRETDB_DEBUG_ADDR:--}"
READY_TIMEOUT="${FERRETDB_READY_TIMEOUT:-30}"

MONGO_URL="mongodb://$HOST:$PORT/"

usage() {
  cat <<EOF
Usage: tools/infra/ferretdb.sh <command>

FerretDB $FERRETDB_VERSION (MongoDB wire protocol, SQLite backend) on $HOST:$PORT.

Commands:
  start    build FerretDB if needed, start it in the background, wait until a ping succeeds
           (idempotent: does nothing if it is already running)
  stop     SIGTERM, wait up to 10 s, then SIGKILL
  status   print whether it is running (exit 0 running, 3 not running)
  logs     print the last 200 lines of the log (logs -f to follow)
  env      print MONGO_URL=$MONGO_URL
  build    only build the binary (skipped if it exists)
  -h, --help

Environment:
  FERRETDB_PORT           listen port on 127.0.0.1 (default 27018)
  FERRETDB_LOG_LEVEL      debug|info|warn|error (default info)
  FERRETDB_DEBUG_ADDR     debug HTTP listener address, "-" = disabled (default -)
  FERRETDB_READY_TIMEOUT  seconds to wait for a ping on start (default 30)
  OOH_INFRA_CACHE         build cache root (default \$HOME/.cache/ooh-infra)
                          binary: \$OOH_INFRA_CACHE/ferretdb-$FERRETDB_VERSION/bin/ferretdb
  OOH_INFRA_DIR           data/log/pid root (default <repo>/tmp/infra); FerretDB uses <dir>/ferretdb

Current paths:
  binary  $BIN
  data    $DATA_DIR
  log     $LOG_FILE
  pid     $PID_FILE
EOF
}

log() { echo "ferretdb: $*" >&2; }
die() { log "$*"; exit 1; }

# --- build -----------------------------------------------------------------
# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds fine but the binary
# panics at start-up ("Invalid build/version/version.txt file content"): version.txt is a
# generated file that is not in the module zip. So we copy the module source out of the Go
# module cache, write build/version/version.txt, and `go install ./cmd/ferretdb` from there.
build() {
  if [[ -x "$BIN" ]]; then
    return 0
  fi
  command -v go >/dev/null 2>&1 || die "go is not on PATH (need Go >= 1.24 to build FerretDB $FERRETDB_VERSION)"
  mkdir -p "$BIN_DIR"
  local build_log="$BUILD_DIR/build.log"
  local src="$BUILD_DIR/src"
  local start_s=$SECONDS
  log "building FerretDB $FERRETDB_VERSION from source into $BIN_DIR (cold: ~2 min on 2 cores) ..."
  : >"$build_log"
  local mod_dir
  if ! mod_dir="$(cd "$BUILD_DIR" && go mod download -json "$FERRETDB_MODULE@$FERRETDB_VERSION" 2>>"$build_log" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')" || [[ -z "$mod_dir" || ! -d "$mod_dir" ]]; then
    cat "$build_log" >&2
    die "go mod download $FERRETDB_MODULE@$FERRETDB_VERSION failed"
  fi
  rm -rf "$src"
  cp -R "$mod_dir" "$src"
  chmod -R u+w "$src"
  echo "$FERRETDB_VERSION" >"$src/build/version/version.txt"
  if ! (cd "$src" && GOBIN="$BIN_DIR" go install -buildvcs=false ./cmd/ferretdb) >>"$build_log" 2>&1; then
    cat "$build_log" >&2
    rm -f "$BIN"
    die "build failed (log: $build_log)"
  fi
  rm -rf "$src"
  "$BIN" --version >/dev/null 2>&1 || { "$BIN" --version >&2 || true; rm -f "$BIN"; die "built binary does not run"; }
  log "built $BIN in $((SECONDS - start_s)) s"
}

# --- process helpers ---------------------------------------------------------
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # guard against pid reuse: the process must be our binary
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "ferretdb"; then
    return 1
  fi
  echo "$pid"
}

ping_db() {
  local mongoose="$REPO_ROOT/node_modules/mongoose"
  if command -v node >/dev/null 2>&1 && [[ -d "$mongoose" ]]; then
    node -e '
      const mongoose = require(process.argv[1]);
      mongoose.connect(process.argv[2], { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 })
        .then(() => mongoose.connection.db.admin().ping())
        .then(() => mongoose.disconnect())
        .then(() => process.exit(0), () => process.exit(1));
    ' "$mongoose" "$MONGO_URL" >/dev/null 2>&1
  else
    # fallback without node_modules: FerretDB's own ping subcommand
    "$BIN" ping --listen-addr="$HOST:$PORT" --log-level=error >/dev/null 2>&1
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
}

# --- commands ---------------------------------------------------------------
cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    if ping_db; then
      log "already running (pid $pid) on $HOST:$PORT"
      return 0
    fi
    log "pid $pid is running but does not answer ping yet; waiting"
  else
    rm -f "$PID_FILE"
    if port_in_use; then
      die "$HOST:$PORT is already in use by another process (not ours); set FERRETDB_PORT"
    fi
    build
    mkdir -p "$DATA_DIR" "$STATE_DIR"
    {
      echo "=== $(date -u +%FT%TZ) starting FerretDB $FERRETDB_VERSION on $HOST:$PORT ==="
    } >>"$LOG_FILE"
    # The path in --sqlite-url must end with '/': it is a directory, one SQLite file per database.
    # Explicit flags win over FERRETDB_* env vars that FerretDB itself would read.
    nohup "$BIN" \
      --handler=sqlite \
      --sqlite-url="file:$DATA_DIR/" \
      --listen-addr="$HOST:$PORT" \
      --listen-unix= \
      --listen-tls= \
      --proxy-addr= \
      --debug-addr="$DEBUG_ADDR" \
      --state-dir="$STATE_DIR" \
      --telemetry=disable \
      --log-level="$LOG_LEVEL" \
      --log-format=console \
      --otel-traces-url= \
      </dev/null >>"$LOG_FILE" 2>&1 &
    pid=$!
    echo "$pid" >"$PID_FILE"
    log "started pid $pid; waiting up to ${READY_TIMEOUT}s for ping on $MONGO_URL"
  fi

  local deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "process $pid exited during start-up; last 80 log lines ($LOG_FILE):"
      tail -n 80 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      exit 1
    fi
    if ping_db; then
      log "ready: $MONGO_URL (pid $pid)"
      return 0
    fi
    sleep 0.5
  done
  log "no ping after ${READY_TIMEOUT}s; last 80 log lines ($LOG_FILE):"
  tail -n 80 "$LOG_FILE" >&2 || true
  exit 1
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid still alive after 10 s; SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 20; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$PID_FILE"
  log "stopped (pid $pid)"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    if ping_db; then
      echo "ferretdb: running (pid $pid), $MONGO_URL, data $DATA_DIR"
    else
      echo "ferretdb: process running (pid $pid) but ping on $MONGO_URL fails"
    fi
    return 0
  fi
  echo "ferretdb: not running"
  return 3
}

cmd_logs() {
  [[ -f "$LOG_FILE" ]] || die "no log file at $LOG_FILE"
  if [[ "${1:-}" == "-f" ]]; then
    exec tail -n 200 -F "$LOG_FILE"
  fi
  tail -n 200 "$LOG_FILE"
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_stop && cmd_start ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    env) echo "MONGO_URL=$MONGO_URL" ;;
    build) build; echo "$BIN" ;;
    -h | --help | help) usage ;;
    "") usage >&2; exit 2 ;;
    *) log "unknown command: $cmd"; usage >&2; exit 2 ;;
  esac
}

main "$@"
