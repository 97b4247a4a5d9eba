#!/usr/bin/env bash
# ferrocloud: the browser suites of ferrocloud-wasm, in headless Chromium against the real
# local cloud (Keystone, Nova, Neutron, Glance with CORS on).
#
#   bash scripts/wasm-test.sh
#
# Installs what is missing (scripts/wasm-env.sh), starts the local cloud if it is not up
# (../shared/tools/oscloud/start.sh start, idempotent), starts a deliberately broken CORS
# proxy in front of Keystone (scripts/wasm/cors-proxy.py), then runs:
#   - the crate's native unit tests (header rules, error classification);
#   - transport-wasm/tests/browser.rs on a page's main thread;
#   - transport-wasm/tests/worker.rs in a dedicated worker.
# Any failing browser assertion makes this script exit non-zero.
# Credentials of clouds.yaml entry $WASM_TEST_CLOUD (default oscloud-demo) are compiled into
# the suites (option_env!); the browser cannot read the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${FERROCLOUD_SHARED:-$ROOT/../shared}
export OSCLOUD_DIR=${OSCLOUD_DIR:-/tmp/oscloud}
CLOUD=${WASM_TEST_CLOUD:-oscloud-demo}
log() { printf '\n[wasm-test %(%H:%M:%S)T] %s\n' -1 "$*"; }

log "tools"
source scripts/wasm-env.sh

log "local cloud ($OSCLOUD_DIR)"
curl -s -m 3 -o /dev/null http://127.0.0.1:5000/v3 \
  || bash "$SHARED/tools/oscloud/start.sh" start "$OSCLOUD_DIR" >/dev/null

# clouds.yaml → FERROCLOUD_WASM_* (PyYAML from the cloud's own venv).
eval "$("$OSCLOUD_DIR/venv/bin/python" - "$OSCLOUD_DIR/clouds.yaml" "$CLOUD" <<'PY'
import shlex, sys, yaml
auth = yaml.safe_load(open(sys.argv[1]))["clouds"][sys.argv[2]]["auth"]
for key, name in [("auth_url", "AUTH_URL"), ("username", "USERNAME"), ("password", "PASSWORD"), ("project_name", "PROJECT")]:
    print(f"export FERROCLOUD_WASM_{name}={shlex.quote(str(auth[key]))}")
PY
)"

log "broken-CORS proxy in front of $FERROCLOUD_WASM_AUTH_URL"
PROXY_DIR=$(mktemp -d)
python3 scripts/wasm/cors-proxy.py "${FERROCLOUD_WASM_AUTH_URL%/v3*}/" "$PROXY_DIR/port" 2>"$PROXY_DIR/log" &
PROXY_PID=$!
cleanup() { kill "$PROXY_PID" 2>/dev/null || true; rm -rf "$PROXY_DIR"; }
trap cleanup EXIT
for _ in $(seq 50); do [[ -s $PROXY_DIR/port ]] && break; sleep 0.1; done
export FERROCLOUD_WASM_PROXY="http://127.0.0.1:$(cat "$PROXY_DIR/port")"

log "native unit tests of ferrocloud-wasm"
cargo test -p ferrocloud-wasm

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)}
export WASM_BINDGEN_TEST_WEBDRIVER_JSON=$ROOT/scripts/wasm/webdriver.json
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-300}
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT=${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-30}
# No -q: cargo would pass --quiet on to the runner, which rejects it.
for suite in browser worker; do
  log "headless Chromium: $suite suite"
  cargo test -p ferrocloud-wasm --target wasm32-unknown-unknown --test "$suite"
done
log "all browser suites passed"
