#!/usr/bin/env bash
# Starts Plinth with the launcher (own port base and work dir, so it never meets a dev server),
# runs bench/FilesBench.java against it: a 2 GiB file of random bytes uploaded (raw and
# multipart) and downloaded with curl, next to `cp` of it on the same disk, with the server
# JVM's heap (jcmd/jstat); prints the figures, writes them to bench/target/, stops everything.
#   bench/files.sh [MiB] [rounds]        e.g. bench/files.sh 2048 3
set -euo pipefail
cd "$(dirname "$0")/.."
MIB=${1:-2048}
ROUNDS=${2:-3}
PORT_BASE=${BENCH_PORT_BASE:-18000}
WORK="$PWD/bench/target/server"
export PLINTH_API_KEY=${PLINTH_API_KEY:-bench-key-$(date +%s%N)}
mkdir -p bench/target
LOG=bench/target/files-server.log
./mvnw -q -Prun package -Dplinth.port-base="$PORT_BASE" -Dplinth.work-dir="$WORK" >"$LOG" 2>&1 &
LAUNCHER=$!
stop() { kill -TERM "$LAUNCHER" 2>/dev/null || true; wait "$LAUNCHER" 2>/dev/null || true; }
trap stop EXIT
URL="http://localhost:$((PORT_BASE + 80))"
for _ in $(seq 1 600); do
  if curl -sf "$URL/health/ready" >/dev/null 2>&1 && grep -q "ready" "$LOG"; then break; fi
  if ! kill -0 "$LAUNCHER" 2>/dev/null; then cat "$LOG"; echo "the server did not start" >&2; exit 1; fi
  sleep 1
done
# The Payara JVM of this work dir (not the launcher, not another server on the machine).
PID=$(jcmd -l | awk -v d="-domaindir $WORK/domains/" 'index($0, "ASMain") && index($0, d) {print $1; exit}')
if [ -z "$PID" ]; then echo "no Payara JVM for $WORK found with jcmd -l" >&2; exit 1; fi
echo "server at $URL, Payara pid $PID"
# scratch files live next to the server's data dir ($WORK/data): same file system
java bench/FilesBench.java "$URL" "$PLINTH_API_KEY" "$PID" "$WORK/bench-scratch" bench/target "$MIB" "$ROUNDS" \
  | tee "bench/target/files-bench-$(date +%Y%m%d-%H%M%S).log"
