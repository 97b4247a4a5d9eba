#!/usr/bin/env bash
# ferrocloud B4: list 10,000 servers (10 pages of 1000) from a local Debian nginx, through
# the SDK (transport-native/examples/list_servers_b4.rs: native transport + streaming list)
# and through raw hyper + serde_json (examples/raw_b4.rs), each under /usr/bin/time -v.
#
#   scripts/bench-b4.sh [RUNS]      (default 3; the best wall time and its peak RSS count)
#
# Installs GNU time if missing; scripts/bench-nginx.sh installs nginx, generates the
# fixtures (../shared/bench/gen_fixtures.py) into target/bench-fixtures and serves them on
# 127.0.0.1:$PORT (`?marker=X` -> pages/X.json, no marker -> pages/first.json; a static
# token answers POST /v3/auth/tokens), and stops nginx again on exit.
# Prints `B4 <name> <wall s> <peak RSS MiB>` lines (read by scripts/bench.sh) for 10k
# servers, then `B4G <size> <name> <wall s> <peak RSS MiB>` growth lines for 1k, 10k and
# 100k (scripts/bench-b4-sizes.py re-cuts the pages; one nginx port per size).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${FERROCLOUD_SHARED:-$ROOT/../shared}
RUNS=${1:-3}
# Not 8080: the local cloud's Swift proxy listens there.
PORT=${B4_PORT:-18080}
export B4_BASE=http://127.0.0.1:$PORT
log() { printf '[b4 %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

if [[ ! -x /usr/bin/time ]]; then
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
# nginx on $PORT (10k), $PORT+1 (1k), $PORT+2 (100k), stopped again on exit.
source scripts/bench-nginx.sh
bench_nginx_start "$PORT"

log "building the examples (release)"
cargo build --release -p ferrocloud-native --example list_servers_b4 --example raw_b4 >&2
BIN=$ROOT/target/release/examples

# run NAME: best wall (s) over RUNS and the peak RSS (MiB) of that run
run() {
  local name=$1 best_wall="" best_rss=""
  for _ in $(seq "$RUNS"); do
    local out
    out=$(/usr/bin/time -v "$BIN/$1" 2>&1 >/dev/null)
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' <<<"$out")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' <<<"$out")
    if [[ -z $best_wall ]] || awk "BEGIN{exit !($wall < $best_wall)}"; then
      best_wall=$wall
      best_rss=$rss
    fi
  done
  echo "B4 $name $best_wall $best_rss"
}
run list_servers_b4
run raw_b4

# Growth: the same two programs at 1k, 10k and 100k servers.
for size in 1k:1000:$((PORT + 1)) 10k:10000:$PORT 100k:100000:$((PORT + 2)); do
  IFS=: read -r label count port <<<"$size"
  for prog in list_servers_b4 raw_b4; do
    B4_BASE=http://127.0.0.1:$port B4_SERVERS=$count run "$prog" | sed "s/^B4 /B4G $label /"
  done
done
