#!/usr/bin/env bash
# ferrocloud: install what the wasm suites and the size measurement need, idempotently.
#
#   bash scripts/wasm-env.sh          # install
#   source scripts/wasm-env.sh        # install, then PATH has wasm-bindgen and wasm-opt
#
# - the wasm32-unknown-unknown Rust target (rustup);
# - Debian chromium + chromium-driver (apt; never a downloaded browser);
# - wasm-bindgen-cli 0.2.130 (matching the pinned wasm-bindgen crate) into target/wasm-tools;
# - npm binaryen 132.0.0 (wasm-opt) into target/binaryen. Debian's binaryen 108 writes
#   broken modules for current wasm-bindgen output: do not use it.
# Knobs: WASM_TOOLS (default target/wasm-tools), BINARYEN_DIR (default target/binaryen).
_fc_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WB_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
WASM_TOOLS=${WASM_TOOLS:-$_fc_root/target/wasm-tools}
BINARYEN_DIR=${BINARYEN_DIR:-$_fc_root/target/binaryen}

_fc_wasm_env() {
  set -euo pipefail
  local log=${1:-}
  say() { printf '[wasm-env] %s\n' "$*"; }

  rustup target list --installed | grep -q '^wasm32-unknown-unknown$' \
    || rustup target add wasm32-unknown-unknown

  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian chromium + chromium-driver"
    local try
    for try in 1 2 3; do
      if apt-get -o DPkg::Lock::Timeout=600 update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
             chromium chromium-driver >/dev/null; then
        break
      fi
      say "apt attempt $try failed; retrying"
      dpkg --configure -a || true
      sleep 5
    done
    command -v chromedriver >/dev/null || { say "chromedriver missing after apt"; return 1; }
  fi

  # Both binaries: build-dashboard.sh and edge-e2e.sh may have copied wasm-bindgen alone.
  if [[ $("$WASM_TOOLS/bin/wasm-bindgen" --version 2>/dev/null) != "wasm-bindgen $WB_VERSION" ||
        ! -x $WASM_TOOLS/bin/wasm-bindgen-test-runner ]]; then
    say "installing wasm-bindgen-cli $WB_VERSION into $WASM_TOOLS (a few minutes)"
    # --locked fails when the CLI's lockfile pins a crate newer than the registry has.
    cargo install --root "$WASM_TOOLS" wasm-bindgen-cli --version "=$WB_VERSION" --locked \
      || cargo install --root "$WASM_TOOLS" wasm-bindgen-cli --version "=$WB_VERSION"
  fi

  if [[ ! -x $BINARYEN_DIR/node_modules/.bin/wasm-opt ]]; then
    command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq npm >/dev/null
    say "installing npm binaryen@$BINARYEN_VERSION into $BINARYEN_DIR"
    mkdir -p "$BINARYEN_DIR"
    npm install --silent --no-audit --no-fund --prefix "$BINARYEN_DIR" "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  _fc_wasm_env
  echo "[wasm-env] ready: $("$WASM_TOOLS/bin/wasm-bindgen" --version), $("$BINARYEN_DIR/node_modules/.bin/wasm-opt" --version), $(chromium --version 2>/dev/null | tail -1)"
else
  (_fc_wasm_env) || return 1
  export PATH="$WASM_TOOLS/bin:$BINARYEN_DIR/node_modules/.bin:$PATH"
fi
