#!/usr/bin/env bash
# ferrocloud: run every cargo-fuzz target for a set time and report executions and crashes.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 30 s, every target)
#
# - toolchain: nightly when rustup has (or can fetch) it; otherwise stable with
#   RUSTC_BOOTSTRAP=1 (cargo-fuzz needs -Z flags);
# - cargo-fuzz is installed once into target/fuzz-tools (a cache);
# - the corpora (fuzz/corpus/<target>, not in git) are seeded from ../shared/api-samples
#   and fuzz/seeds on every run (existing entries are kept, so they grow run to run);
# - a crash leaves its input in fuzz/artifacts/<target>/ and makes the script fail.
#
# Knobs: FERROCLOUD_SHARED (default ../shared), FUZZ_RSS_MB (default 2048),
# FUZZ_SANITIZER (default none: the code under test is safe Rust, where a bug shows as a
# panic, which libFuzzer catches without a sanitizer; `address` builds far slower).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${FERROCLOUD_SHARED:-$ROOT/../shared}
SAMPLES=$SHARED/api-samples
PER=${1:-30}
shift || true
log() { printf '[fuzz %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# --- toolchain ---------------------------------------------------------------------------
TOOLCHAIN=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly' \
  || rustup toolchain install nightly --profile minimal >/dev/null 2>&1; then
  TOOLCHAIN=(+nightly)
else
  log "nightly unavailable: stable with RUSTC_BOOTSTRAP=1"
  export RUSTC_BOOTSTRAP=1
fi
TOOLS=$ROOT/target/fuzz-tools
if [[ ! -x $TOOLS/bin/cargo-fuzz ]]; then
  log "installing cargo-fuzz into $TOOLS"
  cargo install cargo-fuzz --locked --root "$TOOLS" >/dev/null
fi
export PATH=$TOOLS/bin:$PATH
FUZZ_TARGET_DIR=$ROOT/target/fuzz-build
FUZZ_FLAGS=(-O -s "${FUZZ_SANITIZER:-none}" --target-dir "$FUZZ_TARGET_DIR")

# --- corpora -----------------------------------------------------------------------------
seed() { # seed TARGET FILE...
  local dir=fuzz/corpus/$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do
    [[ -f $f ]] || continue
    cp -n "$f" "$dir/$(basename "$(dirname "$f")")_$(basename "$f")" 2>/dev/null || true
  done
}
samples() { # samples DIR [FIND ARGS...]: sample files of a service
  local d=$SAMPLES/$1
  shift
  [[ -d $d ]] && find "$d" -name '*.json' "$@" | sort
}
seed_all() {
  seed token_v3 $(samples identity -name '*token*response*') fuzz/seeds/paging_keystone.json \
    "$ROOT/target/bench-fixtures/token_catalog_30x3x4.json"
  seed token_v2 fuzz/seeds/token_v2.json
  seed fault fuzz/seeds/fault_*
  for style in linked marker single; do
    seed paging_$style fuzz/seeds/paging_*.json $(samples compute -name '*list*') \
      $(samples network -name '*list*') $(samples image -name '*list*')
  done
  seed paging_link_header fuzz/seeds/paging_link_header.txt
  seed link_header fuzz/seeds/link_header.txt
  seed retry_after fuzz/seeds/retry_after_*
  seed timestamp fuzz/seeds/timestamp_*
  seed clouds_yaml fuzz/seeds/clouds_*.yaml
  seed identity $(samples identity)
  seed image $(samples image)
  seed block_storage $(samples block-storage)
  seed orchestration $(samples orchestration)
  seed load_balancer $(samples load-balancer)
  seed container_infra $(samples container-infra)
  seed compute $(samples compute)
  seed network $(samples network)
}
seed_all

# --- build and run -----------------------------------------------------------------------
cd fuzz
ALL=$(cargo "${TOOLCHAIN[@]}" fuzz list)
TARGETS=("$@")
[[ ${#TARGETS[@]} -gt 0 ]] || mapfile -t TARGETS <<<"$ALL"
log "building ${#TARGETS[@]} targets"
cargo "${TOOLCHAIN[@]}" fuzz build "${FUZZ_FLAGS[@]}" >/dev/null 2>"$FUZZ_TARGET_DIR.build.log" \
  || { cat "$FUZZ_TARGET_DIR.build.log" >&2; exit 1; }

total=0
crashes=0
printf '%-20s %12s %8s %8s\n' target executions corpus crashes
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  before=$(find "artifacts/$t" -type f | wc -l)
  out=$(mktemp)
  set +e
  cargo "${TOOLCHAIN[@]}" fuzz run "${FUZZ_FLAGS[@]}" "$t" "corpus/$t" -- \
    -max_total_time="$PER" -timeout=10 -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
    -print_final_stats=1 >"$out" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out" | grep -o '[0-9]*$' | tail -1)
  execs=${execs:-0}
  after=$(find "artifacts/$t" -type f | wc -l)
  new=$((after - before))
  if [[ $rc -ne 0 && $new -eq 0 ]]; then new=1; fi
  if [[ $new -gt 0 ]]; then
    log "$t: CRASH (exit $rc); log follows"
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$out" | head -20 >&2 || true
  fi
  printf '%-20s %12s %8s %8s\n' "$t" "$execs" "$(find "corpus/$t" -type f | wc -l)" "$new"
  total=$((total + execs))
  crashes=$((crashes + new))
  rm -f "$out"
done
printf '%-20s %12s %8s %8s\n' TOTAL "$total" "" "$crashes"
[[ $crashes -eq 0 ]]
