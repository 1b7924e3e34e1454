#!/usr/bin/env bash
# Starts Plinth with the launcher (own port base and work dir, so it never meets a dev server),
# runs bench/FilesBench.java against it: a 2 GiB file of random bytes uploaded (raw and
# multipart) and downloaded with curl, next to `cp` of it on the same disk and to a plain servlet
# in the same server (bench/baseline-war, the floor of HTTP here), with the server JVM's heap
# (jcmd/jstat); prints the figures, writes them to bench/target/, stops everything.
#   bench/files.sh [MiB] [rounds]        e.g. bench/files.sh 2048 3
set -euo pipefail
cd "$(dirname "$0")/.."
MIB=${1:-2048}
ROUNDS=${2:-3}
WORK="$PWD/bench/target/server"
export PLINTH_API_KEY=${PLINTH_API_KEY:-bench-key-$(date +%s%N)}
mkdir -p bench/target
LOG=bench/target/files-server.log
source bench/server.sh
start_server "$WORK" "$LOG"
PID=$(payara_pid "$WORK")
echo "server at $URL, Payara pid $PID"
deploy_baseline
# scratch files live next to the server's data dir ($WORK/data): same file system
java bench/FilesBench.java "$URL" "$PLINTH_API_KEY" "$PID" "$WORK/bench-scratch" bench/target "$MIB" "$ROUNDS" \
  | tee "bench/target/files-bench-$(date +%Y%m%d-%H%M%S).log"
undeploy_baseline
