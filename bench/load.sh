#!/usr/bin/env bash
# Starts Plinth with the launcher (own port base and work dir, so it never meets a dev server)
# and runs bench/LoadBench.java against it: idle memory, 50 clients submitting 10,000 jobs that
# stay queued next to raw PostgreSQL inserts, 200 clients polling status and lists, one million
# job rows listed and filtered, memory after the load. Prints the figures, writes them to
# bench/target/, stops everything.
#   bench/load.sh [queued] [submitters] [pollers] [poll-seconds] [rows]
#   e.g. bench/load.sh 10000 50 200 60 1000000   (the defaults; the issue's figures)
set -euo pipefail
cd "$(dirname "$0")/.."
QUEUED=${1:-10000}
SUBMITTERS=${2:-50}
POLLERS=${3:-200}
SECONDS_POLL=${4:-60}
ROWS=${5:-1000000}
WORK="$PWD/bench/target/load-server"
rm -rf "$WORK"
export PLINTH_API_KEY=${PLINTH_API_KEY:-bench-admin-$(date +%s%N)}
USER_KEY=bench-user-$(date +%s%N)
# loaduser: an ordinary user who may run `script` (the bench's jobs run `true`)
export PLINTH_KEYS_LOADUSER="$USER_KEY:user"
export PLINTH_APPS_SCRIPT_ROLES=admin,user
export PLINTH_EXECUTORS_LOCAL_CORES=${PLINTH_EXECUTORS_LOCAL_CORES:-4}
mkdir -p bench/target
LOG=bench/target/load-server.log
source bench/server.sh
start_server "$WORK" "$LOG"
PID=$(payara_pid "$WORK")
DB_PORT=$(cat "$WORK/db-port")
PG_VERSION=$(sed -n 's:.*<postgresql.version>\(.*\)</postgresql.version>.*:\1:p' pom.xml)
JDBC_JAR="$HOME/.m2/repository/org/postgresql/postgresql/$PG_VERSION/postgresql-$PG_VERSION.jar"
echo "server at $URL, Payara pid $PID, PostgreSQL on port $DB_PORT"
# BENCH_JFR=1: a JFR recording of the server for the whole run (GC pauses, safepoints, samples)
STAMP=$(date +%Y%m%d-%H%M%S)
if [ "${BENCH_JFR:-0}" = 1 ]; then
  jcmd "$PID" JFR.start name=load settings=profile >/dev/null
fi
java -cp "$JDBC_JAR" bench/LoadBench.java "$URL" "$PLINTH_API_KEY" "$USER_KEY" \
  "jdbc:postgresql://localhost:$DB_PORT/plinth" plinth plinth "$PID" \
  "$QUEUED" "$SUBMITTERS" "$POLLERS" "$SECONDS_POLL" "$ROWS" \
  | tee "bench/target/load-bench-$STAMP.log"
if [ "${BENCH_JFR:-0}" = 1 ]; then
  jcmd "$PID" JFR.dump name=load filename="$PWD/bench/target/load-$STAMP.jfr" >/dev/null
  echo "JFR recording: bench/target/load-$STAMP.jfr"
fi
