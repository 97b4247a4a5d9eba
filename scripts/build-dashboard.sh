#!/usr/bin/env bash
# Builds the dashboard bundle into target/dashboard/ (index.html, style.css, pkg/*.js+wasm):
# wasm-release profile (opt-level z, LTO, panic=abort) with the standard library rebuilt
# for size (below) -> wasm-bindgen --target web -> wasm-opt -O1 (npm binaryen; Debian's
# binaryen 108 silently breaks the module).
# Installs the missing tools first, idempotently:
#   rustup's rust-src component (the standard library's sources, for the rebuild)
#   target/wasm-tools/bin/wasm-bindgen  (wasm-bindgen-cli, the exact version of the crate)
#   target/npm/node_modules/.bin/wasm-opt  (npm binaryen)
#
# The standard library, rebuilt for size. The prebuilt std of wasm32-unknown-unknown is
# compiled for speed and keeps every panic's message and location, with the formatting
# code they need; in a browser nobody reads them (std has no stderr there: a panic is an
# `unreachable` trap in the console either way). Rebuilding it with the application
# (cargo -Zbuild-std) under opt-level z, with `optimize_for_size` (std's smaller
# algorithms) and panics as immediate aborts (-Cpanic=immediate-abort), takes the
# gzipped wasm from 313.9 KB to 287.5 KB (measured on the same commit; README, "Size"). These are
# unstable options of the same stable compiler that builds everything else, enabled for
# this one cargo call with RUSTC_BOOTSTRAP=1 (as fuzz.sh does without nightly; the
# Linux kernel builds its Rust this way too). The build goes to its own target folder,
# so the other wasm32 builds keep their caches.
#   DASHBOARD_STD=prebuilt scripts/build-dashboard.sh   # the stock std (320.6 KB in
#                                                       # all; dashboard-size.sh fails)
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

if [[ ${DASHBOARD_STD:-rebuilt} == prebuilt ]]; then
  log "cargo build (wasm32, wasm-release, prebuilt std)"
  cargo build -p ferrocloud-web-demo --lib --target wasm32-unknown-unknown --profile wasm-release
  WASM=$ROOT/target/wasm32-unknown-unknown/wasm-release/ferrocloud_web_demo.wasm
else
  rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src
  log "cargo build (wasm32, wasm-release, std rebuilt for size)"
  STD_TARGET=$ROOT/target/dashboard-std
  RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=$STD_TARGET \
    RUSTFLAGS="${RUSTFLAGS:-} -Zunstable-options -Cpanic=immediate-abort" \
    cargo build -p ferrocloud-web-demo --lib --target wasm32-unknown-unknown --profile wasm-release \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
  WASM=$STD_TARGET/wasm32-unknown-unknown/wasm-release/ferrocloud_web_demo.wasm
fi

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
