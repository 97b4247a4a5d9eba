#!/usr/bin/env bash
# End-to-end test of the dashboard in headless Chromium (Debian's /usr/bin/chromium)
# driven by playwright-core: starts the local cloud if needed, seeds the demo project,
# builds and serves the bundle on 127.0.0.1, then logs in, checks the seeded servers,
# creates a server and watches it reach ACTIVE, stops and deletes it, creates a network
# with a subnet, and checks OpenStack's error messages (with request ids) are shown.
# Screenshots: target/e2e/*.png. Exit status is non-zero on any failure.
#
# Knobs: OSCLOUD_DIR (default /tmp/oscloud), FERROCLOUD_SHARED (default ../shared),
#        E2E_PORT (default 8765), NO_BUILD=1 (reuse target/dashboard).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${FERROCLOUD_SHARED:-$ROOT/../shared}
export OSCLOUD_DIR=${OSCLOUD_DIR:-/tmp/oscloud}
PORT=${E2E_PORT:-8765}
OUT=$ROOT/target/e2e
NPM=$ROOT/target/npm
log() { printf '[e2e %(%H:%M:%S)T] %s\n' -1 "$*"; }

if [[ ! -x /usr/bin/chromium ]]; then
  log "installing chromium (apt)"
  for try in 1 2 3; do
    apt-get -o DPkg::Lock::Timeout=600 install -y chromium && break
    dpkg --configure -a || true
  done
fi
if [[ ! -f $NPM/node_modules/playwright-core/package.json ]]; then
  log "installing playwright-core into target/npm"
  mkdir -p "$NPM" && npm install --prefix "$NPM" --no-audit --no-fund --silent playwright-core
fi
if [[ ! -f $NPM/node_modules/axe-core/axe.min.js ]]; then
  log "installing axe-core into target/npm"
  npm install --prefix "$NPM" --no-audit --no-fund --silent axe-core
fi

log "local cloud"
up=1
for port in 5000 9292 9696 8776 8774; do
  curl -s -m 3 -o /dev/null "http://127.0.0.1:$port/" || up=0
done
if [[ $up == 0 || ! -f $OSCLOUD_DIR/clouds.yaml ]]; then
  bash "$SHARED/tools/oscloud/start.sh" start "$OSCLOUD_DIR" >/dev/null 2>&1
fi
export OS_CLIENT_CONFIG_FILE=$OSCLOUD_DIR/clouds.yaml

log "seeding the demo project"
cargo build -p ferrocloud-web-demo --bin demo-seed
SEED=$ROOT/target/debug/demo-seed
"$SEED" | sed 's/^/  /'

[[ ${NO_BUILD:-} == 1 && -f target/dashboard/index.html ]] || bash scripts/build-dashboard.sh

log "serving target/dashboard on 127.0.0.1:$PORT"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory target/dashboard >/dev/null 2>&1 &
SERVER=$!
PREFIX="e2e-$$-"
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  "$SEED" --cleanup "$PREFIX" || true
}
trap cleanup EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done

log "running the browser test"
rm -rf "$OUT" && mkdir -p "$OUT"
DASHBOARD_URL="http://127.0.0.1:$PORT/" E2E_OUT="$OUT" E2E_PREFIX="$PREFIX" \
  PLAYWRIGHT_CORE="$NPM/node_modules/playwright-core" AXE_CORE="$NPM/node_modules/axe-core" \
  node web-demo/e2e/dashboard.cjs
