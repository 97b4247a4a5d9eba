#!/usr/bin/env bash
# The main command: an OpenStack dashboard in your browser, from a fresh machine.
#
#   scripts/demo.sh
#
# 1. installs what is missing (Rust wasm32 target, wasm-bindgen-cli, npm binaryen;
#    idempotent, into target/ where possible);
# 2. starts the real local OpenStack (../shared/tools/oscloud/start.sh, CORS on);
# 3. seeds a demo project (servers, networks, volumes, an image, a container; idempotent);
# 4. builds the wasm bundle (wasm-release profile, wasm-bindgen, wasm-opt -O1);
# 5. serves it on 127.0.0.1 and prints the URL and the demo credentials.
#
# Knobs: OSCLOUD_DIR (default /tmp/oscloud), FERROCLOUD_SHARED (default ../shared),
#        DEMO_PORT (default 8000; the local cloud's Swift listens on 8080),
#        DEMO_NO_SERVE=1 (stop after printing, for CI).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${FERROCLOUD_SHARED:-$ROOT/../shared}
export OSCLOUD_DIR=${OSCLOUD_DIR:-/tmp/oscloud}
PORT=${DEMO_PORT:-8000}
# Fails early, and again just before serving, when something already listens on $PORT.
port_free() {
  if [[ ${DEMO_NO_SERVE:-} != 1 ]] && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "demo: port $PORT on 127.0.0.1 is taken (the local cloud uses 5000, 8004, 8080, 8774-8778, 9292, 9511, 9696, 9876); pick another with DEMO_PORT=NNNN" >&2
    exit 1
  fi
}
port_free
step=0
log() { step=$((step + 1)); printf '\n[demo %(%H:%M:%S)T] %d. %s\n' -1 "$step" "$*"; }

log "checking tools"
for tool in cargo rustup curl python3 node npm; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (install it first)" >&2; exit 1; }
done
rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
echo "rust $(rustc --version | cut -d' ' -f2), node $(node --version), wasm32 target installed"

log "starting the local OpenStack in $OSCLOUD_DIR (CORS on; first run takes a few minutes)"
# CORS must allow this page: start.sh's default allowed origin is '*'.
export OSCLOUD_CORS_ORIGIN=${OSCLOUD_CORS_ORIGIN-*}
bash "$SHARED/tools/oscloud/start.sh" start "$OSCLOUD_DIR" 2>&1 | grep -E '^\[oscloud' || true
curl -s -m 5 -o /dev/null http://127.0.0.1:5000/v3 || { echo "Keystone is not answering" >&2; exit 1; }
export OS_CLIENT_CONFIG_FILE=$OSCLOUD_DIR/clouds.yaml

log "seeding the demo project"
cargo build -q -p ferrocloud-web-demo --bin demo-seed
"$ROOT/target/debug/demo-seed" | tee "$ROOT/target/demo-credentials.txt" | grep '^\[seed\]'

log "building the dashboard (wasm-release, wasm-bindgen, wasm-opt -O1)"
bash scripts/build-dashboard.sh
NO_BUILD=1 bash scripts/dashboard-size.sh | tail -2 || true  # reported, not fatal here

source <(grep '^DEMO_' "$ROOT/target/demo-credentials.txt")
port_free
log "serving on http://127.0.0.1:$PORT/"
cat <<MSG

  Dashboard:  http://127.0.0.1:$PORT/
  Auth URL:   $DEMO_AUTH_URL   (the form's default; any other cloud works too)
  User:       $DEMO_USER   (domain $DEMO_DOMAIN)
  Password:   $DEMO_PASSWORD
  Project:    $DEMO_PROJECT   (domain $DEMO_DOMAIN)

  Stop serving with Ctrl-C. The cloud keeps running: $SHARED/tools/oscloud/start.sh stop $OSCLOUD_DIR
MSG
[[ ${DEMO_NO_SERVE:-} == 1 ]] && exit 0
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$ROOT/target/dashboard"
