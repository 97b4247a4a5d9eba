#!/usr/bin/env python3
"""B4 growth fixtures: the 10k-server page set of gen_fixtures.py (FIX/b4) re-cut as 1k
(its first page alone, no next link) and 100k (the ten pages ten times over, every id made
unique by its copy number), in the same layout: FIX/b4-1k, FIX/b4-100k, pages named by the
marker that asks for them (`first` without one), an empty page after the last marker.

    python3 scripts/bench-b4-sizes.py FIX
"""
import json, os, sys

fix = sys.argv[1]
src = f"{fix}/b4/compute/v2.1/servers/pages"
first = json.load(open(f"{src}/first.json"))

# The 10k set in order: follow the next links from the first page.
pages = [first["servers"]]
page = first
while page.get("servers_links"):
    marker = page["servers_links"][0]["href"].split("marker=")[1]
    page = json.load(open(f"{src}/{marker}.json"))
    if page["servers"]:
        pages.append(page["servers"])

def write(name, chunks):
    out = f"{fix}/{name}/compute/v2.1/servers/pages"
    os.makedirs(out, exist_ok=True)
    seen = set()
    for p, chunk in enumerate(chunks):
        body = {"servers": chunk}
        if p + 1 < len(chunks):
            body["servers_links"] = [{"href": f"http://127.0.0.1:8080/compute/v2.1/servers/detail?limit=1000&marker={chunk[-1]['id']}", "rel": "next"}]
        marker = "first" if p == 0 else chunks[p - 1][-1]["id"]
        assert marker not in seen, marker
        seen.add(marker)
        with open(f"{out}/{marker}.json", "w") as f:
            json.dump(body, f)
    with open(f"{out}/{chunks[-1][-1]['id']}.json", "w") as f:
        json.dump({"servers": []}, f)

def copy(servers, n):
    """`servers` with ids unique to copy `n` (the first two hex digits replaced)."""
    out = []
    for s in servers:
        s = dict(s)
        s["id"] = f"{n:02x}{s['id'][2:]}"
        out.append(s)
    return out

write("b4-1k", [pages[0]])
write("b4-100k", [copy(chunk, n) for n in range(10) for chunk in pages])
ids = {s["id"] for n in range(10) for chunk in pages for s in copy(chunk, n)}
assert len(ids) == 100_000, len(ids)
print(f"b4-1k: 1 page; b4-100k: {10 * len(pages)} pages, {len(ids)} unique ids")
