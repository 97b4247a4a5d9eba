#!/usr/bin/env bash
# ferrocloud: every benchmark figure in one table, with its goal and the other SDKs'.
#
#   scripts/bench.sh            (criterion benches B1, B2, B3, full call; then B4; then
#                                the browser's B1 and B4; BENCH_BROWSER=0 skips the browser)
#
# Generates the fixtures (../shared/bench/gen_fixtures.py -> target/bench-fixtures), runs
# `cargo bench -p ferrocloud --bench auth --bench compute` (benches/auth.rs: B2, B3, full call; benches/compute.rs: B1)
# scripts/bench-b4.sh and scripts/bench-browser.sh (headless Chromium), then prints one table: figure, ferrocloud, goal, met?, the
# other SDKs' figures (../shared/bench/README.md) and the ratio to the best of them.
# The load average is printed too: on a shared machine, timings vary with it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${FERROCLOUD_SHARED:-$ROOT/../shared}
export FERROCLOUD_BENCH_FIXTURES=$ROOT/target/bench-fixtures
log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
[[ -f $FERROCLOUD_BENCH_FIXTURES/token_catalog_30x3x4.json ]] \
  || python3 "$SHARED/bench/gen_fixtures.py" "$FERROCLOUD_BENCH_FIXTURES" >&2

OUT=$ROOT/target/bench-results
mkdir -p "$OUT"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "criterion benches (cargo bench -p ferrocloud)"
cargo bench -p ferrocloud --bench auth --bench compute -- --noplot 2>&1 | tee "$OUT/criterion.txt" >&2
log "B4 (scripts/bench-b4.sh)"
bash scripts/bench-b4.sh 3 | tee "$OUT/b4.txt" >&2
# The browser phase: not fatal (the other figures stand without it); the table says when
# it failed.
: > "$OUT/browser.txt"
if [[ ${BENCH_BROWSER:-1} != 0 ]]; then
  log "B1 and B4 in headless Chromium (scripts/bench-browser.sh)"
  bash scripts/bench-browser.sh | tee "$OUT/browser.txt" >&2 || echo "BROWSER FAILED" >> "$OUT/browser.txt"
fi

# Side by side: our `side_by_side` bench and the peer's program (../shared/bench/
# peer-openstack_sdk, built once into target/peer-src), interleaved bench by bench, in
# BENCH_ROUNDS rounds; the table takes the median of each program's medians.
PEER=$ROOT/target/peer-src
if [[ ! -x $PEER/target/release/peerbench_rs ]]; then
  log "building the peer (openstack_sdk 0.22; once, cached in target/peer-src)"
  mkdir -p "$PEER/src"
  cp "$SHARED/bench/peer-openstack_sdk/Cargo.toml" "$PEER/Cargo.toml"
  cp "$SHARED/bench/peer-openstack_sdk/main.rs" "$PEER/src/main.rs"
  printf '\n[workspace]\n' >> "$PEER/Cargo.toml"
  (cd "$PEER" && cargo build --release -q)
fi
cargo bench -q -p ferrocloud --bench side_by_side --no-run 2>/dev/null
: > "$OUT/side.jsonl"
# Allocation counts come from their own program (a counting allocator would slow the timed
# benches of ours and not the peer's).
cargo bench -q -p ferrocloud --bench allocations 2>/dev/null | grep '^{' >> "$OUT/side.jsonl"
for round in $(seq "${BENCH_ROUNDS:-3}"); do
  log "side by side, round $round (load $(cut -d' ' -f1 /proc/loadavg))"
  for pair in "b1 b1 9 10" "b1limit b1direct 9 10" "b2 b2 9 200" "b3 b3 9 3" "b3full b3full 9 3"; do
    set -- $pair
    cargo bench -q -p ferrocloud --bench side_by_side -- "$1" "$3" "$4" 2>/dev/null | grep '^{' >> "$OUT/side.jsonl"
    FIXTURES=$FERROCLOUD_BENCH_FIXTURES "$PEER/target/release/peerbench_rs" "$2" "$3" "$4" 2>/dev/null \
      | grep '^{' | grep -v 'B2 aux' >> "$OUT/side.jsonl"
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$OUT/criterion.txt" "$OUT/b4.txt" "$LOAD_BEFORE" "$LOAD_AFTER" "$OUT/side.jsonl" "$OUT/browser.txt" <<'EOF'
import re, sys

crit, b4, load_before, load_after, side, browser = sys.argv[1:7]
UNIT = {"ps": 1e-12, "ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}

# criterion prints the bench name, then "time:   [low median high]" (same or next line).
times, name = {}, None
for line in open(crit, encoding="utf-8", errors="replace"):
    m = re.search(r"time:\s+\[\S+ \S+ ([\d.]+) (\S+) \S+ \S+\]", line)
    head = line.split("time:")[0].strip()
    if head and not head.startswith(("Benchmarking", "Found", "Warning", "change", "Performance", "No change", "Gnuplot", "Running", "Compiling", "Finished")) and not re.match(r"^\d+ \(", head):
        name = head
    if m and name:
        times[name] = float(m.group(1)) * UNIT[m.group(2)]

def find(*keys):
    for n, t in times.items():
        if all(k.lower() in n.lower() for k in keys):
            return t
    return None

b4r = {}
for line in open(b4):
    p = line.split()
    if len(p) == 4 and p[0] == "B4":
        b4r[p[1]] = (float(p[2]), float(p[3]))
sdk = b4r.get("list_servers_b4")
raw = b4r.get("raw_b4")

def fmt_t(s):
    if s is None: return "n/a"
    for unit, f in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if s >= f: return f"{s / f:.3g} {unit}"
    return f"{s / 1e-9:.3g} ns"

rows = [
    # figure, value, goal, smaller-is-better unit kind, gophercloud, openstacksdk, openstack_sdk
    ("B1 parse 1000-server page", find("B1"), 12e-3, "t", 258e-3, 4.21, 61e-3),
    ("B2 token 360 endpoints + find", find("B2"), 0.35e-3, "t", 5.92e-3, 1.45e-3, 0.70e-3),
    ("B3 build GET /servers/{id}", find("B3"), 1e-6, "t", 2.27e-6, 770e-6, 2.53e-6),
    ("full call via driver (mock, full server)", find("full call"), 15e-6, "t", None, None, None),
    ("B4 list 10k servers: wall", sdk and sdk[0], 1.0, "t", 4.07, 36.8, None),
    ("B4 list 10k servers: peak RSS", sdk and sdk[1], 40.0, "m", 196.0, 205.0, None),
    ("B4 raw hyper+serde: wall", raw and raw[0], None, "t", None, None, None),
    ("B4 raw hyper+serde: peak RSS", raw and raw[1], None, "m", None, None, None),
    ("B4 SDK overhead over raw (wall)", (sdk[0] / raw[0] - 1) * 100 if sdk and raw and raw[0] > 0 else None, 15.0, "%", None, None, None),
]

def show(v, kind):
    if v is None: return "n/a"
    return {"t": fmt_t, "m": lambda x: f"{x:.1f} MiB", "%": lambda x: f"{x:+.1f} %"}[kind](v)

hdr = ("figure", "ferrocloud", "goal", "met", "gophercloud (quoted)", "openstacksdk (quoted)", "openstack_sdk (quoted)", "best other / ours")
table = [hdr]
missed = 0
for fig, v, goal, kind, g, o, r in rows:
    met = "" if goal is None or v is None else ("yes" if v <= goal else "NO")
    missed += met == "NO" or (goal is not None and v is None)
    others = [x for x in (g, o, r) if x is not None]
    ratio = f"{min(others) / v:.1f}x" if others and v else ""
    table.append((fig, show(v, kind), show(goal, kind) if goal else "", met,
                  show(g, kind) if g else "", show(o, kind) if o else "", show(r, kind) if r else "", ratio))
w = [max(len(row[i]) for row in table) for i in range(len(hdr))]
line = lambda row: "| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(row)) + " |"
print(line(hdr))
print("|" + "|".join("-" * (x + 2) for x in w) + "|")
for row in table[1:]:
    print(line(row))

# The same-run, same-harness comparison with the peer.
import json, statistics
runs, allocs = {}, {}
for l in open(side):
    r = json.loads(l)
    alloc_key = next((k for k in r if k.endswith("_allocs")), None)
    if alloc_key:
        allocs[r["bench"]] = r[alloc_key]
        continue
    key = next(k for k in r if k.startswith("per_"))
    runs.setdefault((r["peer"], r["bench"].split(" ")[0] + (" limit" if "limit" in r["bench"] or "from_slice" in r["bench"] else "")), []).append(r[key])
med = {k: statistics.median(v) for k, v in runs.items()}
def per(who, b): return med.get((who, b))
print("\nSide by side, one run (median of each program's medians, µs per item):\n")
print("| bench | ferrocloud | openstack_sdk 0.22 | openstack_sdk / ferrocloud | goal | met |")
print("|---|---|---|---|---|---|")
b1, b1l = per("ferrocloud", "B1"), per("ferrocloud", "B1 limit")
rows2 = [
    ("B1 parse, per server", "B1", None),
    ("B1 limit (from_slice into Vec<own type>), per server", "B1 limit", None),
    ("B2 token + compute URL", "B2", None),
    ("B3 build GET + token header, per request", "B3", 1.0),
    ("B3full get-server through the stack, per call", "B3full", None),
]
for label, b, goal in rows2:
    ours, peer = per("ferrocloud", b), per("openstack_sdk(rust)", b)
    ratio = f"{peer / ours:.2f}x" if ours and peer else "n/a"
    met = "" if goal is None or ours is None else ("yes" if ours <= goal else "NO")
    missed += met == "NO"
    print(f"| {label} | {ours if ours is None else f'{ours:.3f}'} | {peer if peer is None else f'{peer:.3f}'} | {ratio} | {'' if goal is None else f'<= {goal} µs'} | {met} |")
if b1 and b1l:
    gap = b1 / b1l
    met = gap <= 1.10
    missed += not met
    print(f"| B1 over its same-run limit | {gap:.2f}x | | | <= 1.10x | {'yes' if met else 'NO'} |")
g = {}
for l in open(b4):
    p = l.split()
    if len(p) == 5 and p[0] == "B4G":
        g[(p[1], p[2])] = (float(p[3]), float(p[4]))
if g:
    print("\nB4 growth (best of the runs; wall grows linearly when the per-1k column stays flat, RSS stays flat with one page in memory):\n")
    print("| servers | SDK wall | SDK peak RSS | raw hyper+serde wall | raw peak RSS | SDK / raw wall | SDK wall per 1k servers |")
    print("|---|---|---|---|---|---|---|")
    for label, n in (("1k", 1), ("10k", 10), ("100k", 100)):
        sdk, raw = g.get((label, "list_servers_b4")), g.get((label, "raw_b4"))
        if not sdk or not raw:
            continue
        print(f"| {label} | {sdk[0]:.3f} s | {sdk[1]:.1f} MiB | {raw[0]:.3f} s | {raw[1]:.1f} MiB | {sdk[0] / raw[0]:.2f}x | {sdk[0] / n * 1e3:.1f} ms |")
# The browser beside native, same run: a dashboard user's real cost.
br, br_failed = {}, False
for l in open(browser):
    p = l.split()
    if len(p) >= 3 and p[0] == "BROWSER" and p[1] in ("B1", "B4"):
        br[p[1]] = float(p[2])
    br_failed |= l.startswith("BROWSER FAILED")
if br or br_failed:
    print("\nIn the browser (headless Chromium, ferrocloud-wasm FetchTransport, wasm-release build) beside native, same run:\n")
    print("| figure | browser | native | browser / native |")
    print("|---|---|---|---|")
    nat_b4 = b4r.get("list_servers_b4")
    for label, key, nat, unit in (
        ("B1 parse 1000-server page", "B1", b1, "ms"),
        ("B4 list 10k servers (nginx)", "B4", nat_b4 and nat_b4[0], "s"),
    ):
        v = br.get(key)
        ratio = f"{v / nat:.2f}x" if v and nat else "n/a"
        shown = f"{v:.3f} {unit}" if v is not None else ("FAILED (see the log)" if br_failed else "n/a")
        print(f"| {label} | {shown} | {f'{nat:.3f} {unit}' if nat else 'n/a'} | {ratio} |")
    print("\nB1: the typed list_detail page parse of one fetched page (browser: median of 9 x 10 parses"
          " with performance.now(); native: side_by_side b1). B4: browser from client creation (auth"
          " included) to the last server, median of 3; native: list_servers_b4's process wall, best of 3.")
if allocs:
    print("\nAllocations (benches/allocations.rs, a counting global allocator in its own program):")
    for name, n in allocs.items():
        print(f"- {name}: {n:.1f}")
print(f"\nrounds: {max((len(v) for v in runs.values()), default=0)}; gophercloud and openstacksdk figures above are quoted from ../shared/bench/README.md (they cannot run here).")
print(f"\nload average before/after: {load_before} / {load_after} (2 cores); goals missed: {missed}")
EOF
