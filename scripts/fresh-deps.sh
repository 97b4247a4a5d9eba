#!/usr/bin/env bash
# ferrocloud: what a user's build sees. Copies the crates users depend on (core,
# transport-native, transport-wasm) with the workspace manifest but WITHOUT Cargo.lock to
# target/fresh-deps/, resolves the dependencies afresh and checks the libraries with
# warnings denied (`cargo check`: deprecations and lints surface there, without the time
# code generation takes):
#   1. with the current stable toolchain and the newest versions of every dependency
#      (a newer dependency deprecating an API we call fails here);
#   2. with the minimum supported Rust version the workspace declares (`rust-version`),
#      resolved MSRV-aware (CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback, what
#      cargo does for users on that toolchain with resolver 3), when rustup can install
#      that toolchain; otherwise it says so and skips.
#
#   scripts/fresh-deps.sh            # both
#   FRESH_MSRV=0 scripts/fresh-deps.sh   # only the stable build
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/target/fresh-deps
export CARGO_PROFILE_DEV_DEBUG=0 CARGO_INCREMENTAL=0
msrv=$(sed -n 's/^rust-version *= *"\(.*\)"/\1/p' Cargo.toml | head -1)
[[ $msrv =~ ^[0-9]+\.[0-9]+$ ]] && msrv=$msrv.0

# Copies keep their timestamps, so a second run rebuilds only what changed.
mkdir -p "$OUT/src"
for crate in core transport-native transport-wasm; do
  rm -rf "$OUT/src/$crate"
  cp -a "$crate" "$OUT/src/$crate"
done
# The same workspace manifest, with only the published crates as members.
sed -e 's/^members = .*/members = ["core", "transport-native", "transport-wasm"]/' \
    -e '/^default-members/d' -e '/^exclude/d' Cargo.toml > "$OUT/manifest.new"
cmp -s "$OUT/manifest.new" "$OUT/src/Cargo.toml" || mv "$OUT/manifest.new" "$OUT/src/Cargo.toml"
cd "$OUT/src"
rm -f Cargo.lock

build() { # toolchain, then cargo arguments
  local tc=$1; shift
  RUSTFLAGS="-D warnings" CARGO_TARGET_DIR="$OUT/target-$tc" cargo "+$tc" check -q --lib "$@"
}

echo "[fresh-deps] stable $(rustc +stable --version | cut -d' ' -f2): newest dependencies, warnings denied"
cargo +stable generate-lockfile -q
build stable -p ferrocloud -p ferrocloud-native
echo "[fresh-deps]   resolved: $(awk '/^name = /{n=$3} /^version = /{if (n ~ /^"(rustls|hyper|tokio)"$/) printf "%s %s  ", n, $3}' Cargo.lock | tr -d '"')"

if [[ ${FRESH_MSRV:-1} == 0 ]]; then exit 0; fi
if ! rustup run "$msrv" rustc --version >/dev/null 2>&1 &&
   ! rustup toolchain install "$msrv" --profile minimal >/dev/null 2>&1; then
  echo "[fresh-deps] MSRV $msrv: rustup cannot install that toolchain here; skipped"
  exit 0
fi
echo "[fresh-deps] MSRV $msrv: MSRV-aware resolve, warnings denied"
rm -f Cargo.lock
CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback cargo "+$msrv" generate-lockfile -q
build "$msrv" -p ferrocloud -p ferrocloud-native
