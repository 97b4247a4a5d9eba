#!/usr/bin/env bash
# ferrocloud in the browser: B1 and B4 measured in headless Chromium through ferrocloud-wasm
# (FetchTransport), i.e. what a dashboard user pays, to put beside the native figures.
#
#   scripts/bench-browser.sh        (run by scripts/bench.sh; not by scripts/test.sh)
#
# Installs what is missing (scripts/wasm-env.sh: Chromium, chromedriver, wasm-bindgen),
# serves the fixtures with CORS from the benchmarks' nginx (scripts/bench-nginx.sh, the
# same one as scripts/bench-b4.sh, on 127.0.0.1:$B4_PORT, default 18080), then builds
# transport-wasm/tests/bench.rs (feature `browser-bench`) with the dashboard's
# `wasm-release` profile (opt-level z, LTO; knob BROWSER_BENCH_PROFILE) and runs it in
# headless Chromium. Prints to stdout (read by scripts/bench.sh):
#   BROWSER B1 <ms>   one 1000-server page parsed by the typed list_detail page parse
#   BROWSER B4 <s>    10,000 servers listed through Client + compute().list (auth included)
# followed by a description in parentheses; everything else goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${FERROCLOUD_SHARED:-$ROOT/../shared}
PORT=${B4_PORT:-18080}
PROFILE=${BROWSER_BENCH_PROFILE:-wasm-release}
log() { printf '[bench-browser %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

log "tools"
source scripts/wasm-env.sh >&2

log "nginx with CORS on 127.0.0.1:$PORT"
source scripts/bench-nginx.sh
bench_nginx_start "$PORT"

export FERROCLOUD_BROWSER_BENCH_BASE=http://127.0.0.1:$PORT
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)}
export WASM_BINDGEN_TEST_WEBDRIVER_JSON=$ROOT/scripts/wasm/webdriver.json
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-600}
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT=${WASM_BINDGEN_TEST_DRIVER_TIMEOUT:-30}

log "building and running transport-wasm/tests/bench.rs ($PROFILE) in headless Chromium"
OUT=$(mktemp)
trap 'rm -f "$OUT"; bench_nginx_stop' EXIT
# --nocapture: the runner prints the tests' console.log lines. No -q (see wasm-test.sh).
# The runner runs one test at a time (wasm-bindgen-test's CONCURRENCY is 1).
if ! cargo test -p ferrocloud-wasm --features browser-bench --target wasm32-unknown-unknown \
     --profile "$PROFILE" --test bench -- --nocapture >"$OUT" 2>&1; then
  cat "$OUT" >&2
  log "the browser bench failed"
  exit 1
fi
grep -v '^BROWSER ' "$OUT" >&2 || true
grep '^BROWSER ' "$OUT"
[[ $(grep -c '^BROWSER B[14] ' "$OUT") == 2 ]] || { log "expected a BROWSER B1 and a BROWSER B4 line"; exit 1; }
