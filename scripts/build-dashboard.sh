#!/usr/bin/env bash
# Builds the dashboard bundle into target/dashboard/ (index.html, style.css, pkg/*.js+wasm):
# wasm-release profile (opt-level z, LTO, panic=abort) -> wasm-bindgen --target web ->
# wasm-opt -O1 (npm binaryen; Debian's binaryen 108 silently breaks the module).
# Installs the missing tools into target/ first, idempotently:
#   target/wasm-tools/bin/wasm-bindgen  (wasm-bindgen-cli, the exact version of the crate)
#   target/npm/node_modules/.bin/wasm-opt  (npm binaryen)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WB_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
OUT=$ROOT/target/dashboard
log() { printf '[dashboard %(%H:%M:%S)T] %s\n' -1 "$*"; }

rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

TOOLS=$ROOT/target/wasm-tools
if ! "$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
  # Reuse a copy built elsewhere on this machine (same version) before building one.
  for other in ${WASM_TOOLS_FROM:-} /work/main/target/wasm-tools; do
    if [[ -n $other && "$other/bin/wasm-bindgen" != "$TOOLS/bin/wasm-bindgen" ]] &&
       "$other/bin/wasm-bindgen" --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
      log "wasm-bindgen $WB_VERSION: copying from $other"
      mkdir -p "$TOOLS/bin" && cp "$other/bin/wasm-bindgen" "$TOOLS/bin/"
      break
    fi
  done
fi
if ! "$TOOLS/bin/wasm-bindgen" --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
  log "installing wasm-bindgen-cli $WB_VERSION (a few minutes, once)"
  # --locked fails on this registry mirror (a pinned dependency is missing); see
  # ../shared/tools/wasm/REPORT.md.
  cargo install wasm-bindgen-cli --version "=$WB_VERSION" --root "$TOOLS" --locked ||
    cargo install wasm-bindgen-cli --version "=$WB_VERSION" --root "$TOOLS"
fi

NPM=$ROOT/target/npm
WASM_OPT=$NPM/node_modules/.bin/wasm-opt
if ! "$WASM_OPT" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  log "installing npm binaryen@$BINARYEN_VERSION into target/npm"
  mkdir -p "$NPM"
  npm install --prefix "$NPM" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
fi

log "cargo build (wasm32, wasm-release)"
cargo build -p ferrocloud-web-demo --lib --target wasm32-unknown-unknown --profile wasm-release
WASM=$ROOT/target/wasm32-unknown-unknown/wasm-release/ferrocloud_web_demo.wasm

log "wasm-bindgen --target web"
rm -rf "$OUT" && mkdir -p "$OUT/pkg"
"$TOOLS/bin/wasm-bindgen" --target web --no-typescript --out-dir "$OUT/pkg" "$WASM"

# -O1, not -Oz: -Oz's output is 6% smaller raw but gzips 4% LARGER here (the dashboard
# with every page: 326,986 B gzipped after -Oz, 314,600 B after -O1), and gzipped bytes
# are what a browser downloads. The edge function found the same (README, edge).
log "wasm-opt -O1"
"$WASM_OPT" -O1 --strip-debug --strip-producers \
  "$OUT/pkg/ferrocloud_web_demo_bg.wasm" -o "$OUT/pkg/ferrocloud_web_demo_bg.wasm.opt"
mv "$OUT/pkg/ferrocloud_web_demo_bg.wasm.opt" "$OUT/pkg/ferrocloud_web_demo_bg.wasm"

cp web-demo/static/index.html web-demo/static/style.css "$OUT/"
log "bundle ready in $OUT"
