#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft, combined broker+controller) on 127.0.0.1 for tests.
# No Docker: the broker is assembled from Apache Kafka's official jars on Maven Central.
# Run `tools/infra/kafka.sh --help` for usage; see tools/infra/README.md ("Kafka").
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

# ---------------------------------------------------------------- settings
KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
KAFKA_SCALA_VERSION="${KAFKA_SCALA_VERSION:-2.13}"
# log4j2 + its slf4j 1.x binding (Kafka 4.x logs through slf4j-api 1.7 and log4j2).
KAFKA_LOG4J_VERSION="${KAFKA_LOG4J_VERSION:-2.25.5}"
MVN_DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

HOST="127.0.0.1"
PORT="${KAFKA_PORT:-19092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-20}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"

CACHE_ROOT="${OOH_INFRA_CACHE:-$HOME/.cache/ooh-infra}"
CACHE_DIR="$CACHE_ROOT/kafka-$KAFKA_VERSION"
LIBS_DIR="$CACHE_DIR/libs"
MARKER="$CACHE_DIR/.complete"

STATE_DIR="${OOH_INFRA_DIR:-$REPO_ROOT/tmp/infra}/kafka"
DATA_DIR="$STATE_DIR/data"
LOG_FILE="$STATE_DIR/kafka.log"
PID_FILE="$STATE_DIR/kafka.pid"
CONFIG_FILE="$STATE_DIR/server.properties"
LOG4J_FILE="$STATE_DIR/log4j2.properties"
LOCK_FILE="$STATE_DIR/.lock"
FORMATTED_BY="$STATE_DIR/data.formatted-by"

BROKERS="$HOST:$PORT"

# ---------------------------------------------------------------- helpers
say() { printf '[kafka] %s\n' "$*" >&2; }
die() { printf '[kafka] ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<EOF
Usage: tools/infra/kafka.sh <command>

Runs a real single-node Apache Kafka $KAFKA_VERSION broker (KRaft, broker+controller
in one JVM) on $HOST, built from Apache Kafka's jars on Maven Central. No Docker.

Commands:
  start        Fetch jars (first run only), format storage (first run only), start
               the broker in the background and wait until it answers. Idempotent:
               if it is already running and healthy, just prints the env line.
               Prints KAFKA_BROKERS=... on stdout (progress goes to stderr), so
               'eval "\$(tools/infra/kafka.sh start)"' works.
  stop         SIGTERM, wait up to \$KAFKA_STOP_TIMEOUT s (default 20), then SIGKILL.
  status       Exit 0 when the broker is running and answers, 1 otherwise.
  logs [-f] [N]  Print the last N (default 100) lines of the broker log; -f follows.
  env          Print KAFKA_BROKERS=$HOST:<port>.
  groups [args]  Kafka's consumer-group tool (kafka-tools' ConsumerGroupCommand) against
               \$KAFKA_BROKERS (default this broker): with no args, every group's lag per
               topic and partition (--describe --all-groups); e.g. 'groups --list' or
               'groups --describe --group ooh.finance.booking-payment-requests'.
  reset        Stop the broker and delete its data (next start formats fresh storage).
  -h, --help   This text.

Environment:
  KAFKA_PORT             broker port (default 19092)
  KAFKA_CONTROLLER_PORT  KRaft controller port (default 19093)
  KAFKA_VERSION          Apache Kafka version from Maven Central (default $KAFKA_VERSION)
  KAFKA_HEAP_OPTS        JVM heap flags (default "-Xms256m -Xmx512m")
  KAFKA_JVM_OPTS         extra JVM flags
  KAFKA_LOG_LEVEL        root log level (default INFO)
  KAFKA_START_TIMEOUT    seconds to wait for readiness (default 90)
  KAFKA_STOP_TIMEOUT     seconds to wait after SIGTERM (default 20)
  OOH_INFRA_CACHE        jar cache root (default \$HOME/.cache/ooh-infra)
                         -> \$OOH_INFRA_CACHE/kafka-<version>/libs
  OOH_INFRA_DIR          state root (default <repo>/tmp/infra) -> \$OOH_INFRA_DIR/kafka
                         holds data/, kafka.log, kafka.pid, server.properties

Files now: cache $CACHE_DIR
           state $STATE_DIR
EOF
}

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not on PATH"; }

with_lock() {
  # Serialise start/stop/reset between concurrent callers (e.g. parallel test jobs).
  mkdir -p "$STATE_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$LOCK_FILE"
    flock -w 300 9 || die "could not lock $LOCK_FILE within 300 s"
  fi
}

read_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 1
  printf '%s' "$pid"
}

# True when the pid file names a live Kafka JVM (guards against pid reuse).
is_alive() {
  local pid
  pid="$(read_pid)" || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'kafka\.Kafka' || return 1
  fi
  return 0
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

KAFKAJS_DIR="$REPO_ROOT/node_modules/kafkajs"

# One Kafka-protocol round trip (kafkajs admin.listTopics). Falls back to a TCP
# check when node or kafkajs is not available.
probe() {
  if command -v node >/dev/null 2>&1 && [[ -d "$KAFKAJS_DIR" ]]; then
    KAFKAJS_DIR="$KAFKAJS_DIR" PROBE_BROKERS="$BROKERS" timeout 15 node -e '
      const { Kafka, logLevel } = require(process.env.KAFKAJS_DIR);
      const kafka = new Kafka({ clientId: "ooh-infra-probe", brokers: [process.env.PROBE_BROKERS],
        logLevel: logLevel.NOTHING, connectionTimeout: 1000, requestTimeout: 3000, retry: { retries: 0 } });
      const admin = kafka.admin();
      admin.connect().then(() => admin.listTopics()).then(
        () => admin.disconnect().then(() => process.exit(0)),
        () => process.exit(1));
    ' >/dev/null 2>&1
  else
    port_open "$PORT"
  fi
}

# Create/load the internal __consumer_offsets and __transaction_state topics once, so the
# first consumer group / transactional producer of a test does not hit "coordinator is
# loading" retries. Best effort: a failure here only prints a warning.
warmup() {
  command -v node >/dev/null 2>&1 && [[ -d "$KAFKAJS_DIR" ]] || return 0
  if ! KAFKAJS_DIR="$KAFKAJS_DIR" PROBE_BROKERS="$BROKERS" timeout 45 node -e '
      const { Kafka, logLevel } = require(process.env.KAFKAJS_DIR);
      const kafka = new Kafka({ clientId: "ooh-infra-warmup", brokers: [process.env.PROBE_BROKERS],
        logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 } });
      (async () => {
        const admin = kafka.admin();
        await admin.connect();
        await admin.describeGroups(["ooh-infra-warmup"]);
        await admin.disconnect();
        const producer = kafka.producer({ transactionalId: "ooh-infra-warmup", idempotent: true, maxInFlightRequests: 1 });
        await producer.connect();
        await producer.disconnect();
      })().then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });
    ' >&2; then
    say "warning: warm-up of the group/transaction coordinators failed (the broker is up; first group joins may retry)"
  fi
}

print_env() { printf 'KAFKA_BROKERS=%s\n' "$BROKERS"; }

show_log_tail() {
  local n="${1:-80}"
  if [[ -f "$LOG_FILE" ]]; then
    printf -- '----- last %s lines of %s -----\n' "$n" "$LOG_FILE" >&2
    tail -n "$n" "$LOG_FILE" >&2
    printf -- '----- end of log -----\n' >&2
  else
    say "no log file at $LOG_FILE"
  fi
}

# ---------------------------------------------------------------- fetch
write_pom() {
  # Written to a temp file and only moved over pom.xml when it changed.
  cat >"$CACHE_DIR/pom.xml.$$" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by tools/infra/kafka.sh: the runtime classpath of an Apache Kafka broker. -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.ooh-infra</groupId>
  <artifactId>kafka-broker-runtime</artifactId>
  <version>$KAFKA_VERSION</version>
  <packaging>pom</packaging>
  <dependencies>
    <!-- Broker (kafka.Kafka), KRaft storage formatter (kafka.tools.StorageTool) and their
         runtime dependencies: kafka-server, kafka-raft, kafka-metadata, kafka-storage, ... -->
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_$KAFKA_SCALA_VERSION</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <!-- Kafka 4 ships its command-line tools (the consumer-group tool among them) in kafka-tools,
         not in the broker jars: 'kafka.sh groups' runs ConsumerGroupCommand from it. -->
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-tools</artifactId>
      <version>$KAFKA_VERSION</version>
    </dependency>
    <!-- Logging backend: log4j2 core + the slf4j 1.x binding Kafka's slf4j-api needs. -->
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-api</artifactId>
      <version>$KAFKA_LOG4J_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-core</artifactId>
      <version>$KAFKA_LOG4J_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.apache.logging.log4j</groupId>
      <artifactId>log4j-slf4j-impl</artifactId>
      <version>$KAFKA_LOG4J_VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
  if cmp -s "$CACHE_DIR/pom.xml.$$" "$CACHE_DIR/pom.xml"; then
    rm -f "$CACHE_DIR/pom.xml.$$"
  else
    mv -f "$CACHE_DIR/pom.xml.$$" "$CACHE_DIR/pom.xml"
  fi
}

pom_fingerprint() { cksum <"$CACHE_DIR/pom.xml" | awk '{print $1 "-" $2}'; }

ensure_libs() {
  mkdir -p "$CACHE_DIR"
  write_pom
  local fp
  fp="$(pom_fingerprint)"
  if [[ -f "$MARKER" && "$(cat "$MARKER")" == "$fp" ]] \
     && compgen -G "$LIBS_DIR/kafka_${KAFKA_SCALA_VERSION}-${KAFKA_VERSION}.jar" >/dev/null; then
    return 0
  fi
  need mvn
  say "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central into $LIBS_DIR (first run only) ..."
  local tmp="$CACHE_DIR/libs.tmp" mvn_log="$CACHE_DIR/mvn.log"
  rm -rf "$tmp" "$MARKER"
  if ! mvn -q -B -f "$CACHE_DIR/pom.xml" \
        "$MVN_DEPENDENCY_PLUGIN:copy-dependencies" \
        -DincludeScope=runtime -DoutputDirectory="$tmp" >"$mvn_log" 2>&1; then
    printf -- '----- Maven output (%s) -----\n' "$mvn_log" >&2
    cat "$mvn_log" >&2
    die "Maven could not fetch org.apache.kafka:kafka_${KAFKA_SCALA_VERSION}:$KAFKA_VERSION"
  fi
  [[ -f "$tmp/kafka_${KAFKA_SCALA_VERSION}-${KAFKA_VERSION}.jar" ]] \
    || { cat "$mvn_log" >&2; die "Maven finished but kafka_${KAFKA_SCALA_VERSION}-${KAFKA_VERSION}.jar is missing"; }
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  printf '%s\n' "$fp" >"$MARKER"
  say "cached $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars ($(du -sh "$LIBS_DIR" | cut -f1))"
}

# ---------------------------------------------------------------- config
write_config() {
  mkdir -p "$DATA_DIR"
  cat >"$CONFIG_FILE" <<EOF
# Generated by tools/infra/kafka.sh on every start; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR

# Small machine (2 cores), test workloads.
num.network.threads=2
num.io.threads=4
background.threads=4
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=16777216

# Single node: every internal topic with replication factor 1.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
min.insync.replicas=1

# Topics are created explicitly by the platform, with explicit partitions.
auto.create.topics.enable=false
num.partitions=3
delete.topic.enable=true
# Remove deleted topics' files after 1 s instead of 60 s (tests create/delete many topics).
log.segment.delete.delay.ms=1000

# Fast consumer-group turnaround in tests.
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=500
EOF

  local level="${KAFKA_LOG_LEVEL:-INFO}"
  cat >"$LOG4J_FILE" <<EOF
# Generated by tools/infra/kafka.sh. Everything goes to stdout, which is $LOG_FILE.
status = warn
shutdownHook = disable
name = ooh-infra-kafka
appender.out.type = Console
appender.out.name = STDOUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = $level
rootLogger.appenderRef.out.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.zk.name = org.apache.zookeeper
logger.zk.level = WARN
logger.validator.name = org.apache.commons.beanutils
logger.validator.level = WARN
# The full config dumps (hundreds of lines, repeated per component); see server.properties.
logger.config.name = org.apache.kafka.common.config.AbstractConfig
logger.config.level = WARN
EOF
}

format_storage_if_new() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    return 0
  fi
  # Kafka's own generator (a raw base64 id starts with '-' one time in 64, which the tool then reads
  # as an option); passed as --cluster-id=<id> all the same.
  local cluster_id
  cluster_id="$(java -cp "$LIBS_DIR/*" -Dlog4j2.configurationFile="$LOG4J_FILE" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "Kafka's StorageTool random-uuid gave no cluster id (got '$cluster_id')"
  say "formatting new KRaft storage in $DATA_DIR (cluster id $cluster_id)"
  local out
  if ! out="$(java -cp "$LIBS_DIR/*" -Dlog4j2.configurationFile="$LOG4J_FILE" \
        kafka.tools.StorageTool format --config "$CONFIG_FILE" --cluster-id="$cluster_id" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "formatting KRaft storage failed"
  fi
  printf '%s\n' "$out" >>"$STATE_DIR/format.log"
  printf '%s\n' "$KAFKA_VERSION" >"$FORMATTED_BY"
}

warn_if_formatted_by_other_version() {
  [[ -f "$FORMATTED_BY" ]] || return 0
  local by
  by="$(cat "$FORMATTED_BY")"
  if [[ "$by" != "$KAFKA_VERSION" ]]; then
    say "note: $DATA_DIR was formatted by Kafka $by; running $KAFKA_VERSION on it. An older broker"
    say "      cannot read storage formatted by a newer one: 'tools/infra/kafka.sh reset' if startup fails."
  fi
}

# ---------------------------------------------------------------- commands
wait_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT))
  while (( SECONDS < deadline )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_log_tail 80
      rm -f "$PID_FILE"
      die "the Kafka JVM (pid $pid) exited during startup"
    fi
    if port_open "$PORT" && probe; then
      return 0
    fi
    sleep 0.5
  done
  show_log_tail 80
  die "Kafka did not answer on $BROKERS within ${START_TIMEOUT}s (pid $pid still running; 'tools/infra/kafka.sh stop' to end it)"
}

cmd_start() {
  with_lock
  if is_alive; then
    local pid
    pid="$(read_pid)"
    if probe; then
      say "already running (pid $pid) on $BROKERS"
      print_env
      return 0
    fi
    say "pid $pid is running but not answering yet; waiting"
    wait_ready "$pid"
    print_env
    return 0
  fi
  rm -f "$PID_FILE"

  need java
  for p in "$PORT" "$CONTROLLER_PORT"; do
    if port_open "$p"; then
      die "port $HOST:$p is already in use by another process (set KAFKA_PORT / KAFKA_CONTROLLER_PORT)"
    fi
  done

  local t0=$SECONDS
  ensure_libs
  write_config
  format_storage_if_new
  warn_if_formatted_by_other_version

  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  say "starting Kafka $KAFKA_VERSION on $BROKERS (controller $HOST:$CONTROLLER_PORT, data $DATA_DIR)"
  local -a jvm
  # shellcheck disable=SC2206 # word splitting of the option strings is intended
  jvm=($HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
       -Dlog4j2.configurationFile="$LOG4J_FILE" -Dkafka.logs.dir="$STATE_DIR"
       ${KAFKA_JVM_OPTS:-})
  local -a launcher=(nohup)
  # setsid: the broker outlives the calling shell's process group (Ctrl-C, job control).
  command -v setsid >/dev/null 2>&1 && launcher=(setsid nohup)
  (
    cd "$STATE_DIR"
    exec 9>&- # do not hand the start/stop lock to the broker
    exec "${launcher[@]}" java "${jvm[@]}" -cp "$LIBS_DIR/*" kafka.Kafka "$CONFIG_FILE" \
      </dev/null >>"$LOG_FILE" 2>&1
  ) &
  local pid=$! t_launch=$SECONDS
  printf '%s\n' "$pid" >"$PID_FILE"
  wait_ready "$pid"
  local t_up=$SECONDS
  warmup
  printf '%s\n' "$KAFKA_VERSION" >"$STATE_DIR/kafka.version"
  say "ready after $((SECONDS - t0))s (broker answered after $((t_up - t_launch))s, coordinator warm-up $((SECONDS - t_up))s; pid $pid); log: $LOG_FILE"
  print_env
}

cmd_stop() {
  with_lock
  if ! is_alive; then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  local pid
  pid="$(read_pid)"
  say "stopping pid $pid (SIGTERM, up to ${STOP_TIMEOUT}s)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "still running after ${STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  say "stopped"
}

cmd_status() {
  if ! is_alive; then
    echo "kafka: stopped"
    return 1
  fi
  local pid
  pid="$(read_pid)"
  if probe; then
    local v="$KAFKA_VERSION"
    [[ -f "$STATE_DIR/kafka.version" ]] && v="$(cat "$STATE_DIR/kafka.version")"
    echo "kafka: running (pid $pid) on $BROKERS, Apache Kafka $v, data $DATA_DIR"
    return 0
  fi
  echo "kafka: pid $pid is alive but $BROKERS does not answer (starting or unhealthy)"
  return 1
}

cmd_logs() {
  local follow=0 n=100
  while (( $# )); do
    case "$1" in
      -f|--follow) follow=1 ;;
      ''|*[!0-9]*) die "logs: unknown argument '$1'" ;;
      *) n="$1" ;;
    esac
    shift
  done
  [[ -f "$LOG_FILE" ]] || die "no log yet at $LOG_FILE"
  if (( follow )); then
    exec tail -n "$n" -F "$LOG_FILE"
  fi
  tail -n "$n" "$LOG_FILE"
}

cmd_reset() {
  cmd_stop
  exec 9>&-
  say "deleting $DATA_DIR"
  rm -rf "$DATA_DIR" "$FORMATTED_BY"
}

cmd_groups() {
  ensure_libs
  need java
  local brokers="${KAFKA_BROKERS:-$BROKERS}"
  [[ $# -gt 0 ]] || set -- --describe --all-groups
  # Tools log through log4j2 too: keep their INFO chatter off the table.
  java -Dlog4j2.level=WARN -Dlog4j2.rootLevel=WARN -cp "$LIBS_DIR/*" org.apache.kafka.tools.consumer.group.ConsumerGroupCommand \
    --bootstrap-server "$brokers" "$@"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    logs) cmd_logs "$@" ;;
    env) print_env ;;
    groups) cmd_groups "$@" ;;
    reset) cmd_reset ;;
    -h|--help|help) usage ;;
    '') usage >&2; exit 2 ;;
    *) printf 'unknown command: %s\n\n' "$cmd" >&2; usage >&2; exit 2 ;;
  esac
}

main "$@"
