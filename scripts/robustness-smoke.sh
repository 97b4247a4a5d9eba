#!/usr/bin/env bash
# ferrocloud: CI smoke of the robustness suites — every cargo-fuzz target for a few
# seconds (seeded corpora; any crash fails). The fault, TLS, secrets and load suites run
# with `cargo test` (scripts/test.sh).
#
#   scripts/robustness-smoke.sh [SECONDS_PER_TARGET]     (default 4)
set -euo pipefail
cd "$(dirname "$0")/.."
exec bash scripts/fuzz.sh "${1:-4}"
