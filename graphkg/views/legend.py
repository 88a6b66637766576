"""What the map's colours and shapes mean: one colour per Belarusian region or country present,
named in Russian and English (regions from the gazetteer and the boundary file, countries from
data/countries.csv), and the shapes explained.

Colours are assigned in a fixed order from a list of distinct colours (Kelly's 22 contrasting colours
and a few more), never by hashing, so no two keys present share one.
"""

from __future__ import annotations

import json
from functools import cache

from graphkg import resources
from graphkg.tables import countries, home, places

HOME = home().country  # the reporting side (data/home.csv)
HOME_COLOUR = "#c0392b"
# Belarusian regions keep their colours whatever else is present
REGION_COLOURS = {
    "BY-BR": "#1f77b4", "BY-HO": "#2ca02c", "BY-HR": "#9467bd", "BY-MA": "#8c564b",
    "BY-MI": "#17becf", "BY-HM": "#7f7f7f", "BY-VI": "#ff7f0e", "BY": "#bcbd22",
}  # fmt: skip
OTHER_COLOURS = [
    "#e377c2", "#f3c300", "#875692", "#a1caf1", "#c2b280", "#008856", "#0067a5", "#f99379",
    "#604e97", "#f6a600", "#b3446c", "#dcd300", "#882d17", "#8db600", "#654522", "#e25822",
    "#2b3d26", "#222222", "#5fa2a0", "#d4a5e8", "#7a7a00", "#003f5c", "#ff6361", "#58508d",
]  # fmt: skip
SHAPES = [
    ("dot", "учреждение, организация", "an institution"),
    ("diamond", "белорусская область (учреждение не названо)", "a Belarusian region (no institution named)"),
    ("square", "страна (учреждение не названо)", "a country (no institution named)"),
]  # fmt: skip
SHAPE = {"institution": "dot", "region": "diamond", "country": "square"}


def colour_key(node: dict) -> str:
    if node["side"] == "home":
        return HOME
    region = node.get("region") or ""
    if region.startswith("BY-"):
        return region
    return node.get("country") or "?"


def colours(keys: set[str]) -> dict[str, str]:
    """A distinct colour for each key (beyond the list's length: evenly spaced hues)."""
    out = {k: REGION_COLOURS[k] for k in keys if k in REGION_COLOURS}
    if HOME in keys:
        out[HOME] = HOME_COLOUR
    others = sorted(k for k in keys if k not in out)
    for i, key in enumerate(others):
        if i < len(OTHER_COLOURS):
            out[key] = OTHER_COLOURS[i]
        else:
            out[key] = f"hsl({(i * 137.5) % 360:.0f}, 55%, 45%)"
    return out


@cache
def boundaries() -> dict:
    """The boundary set (viz/regions.geojson, Natural Earth, public domain; see its `source`)."""
    return json.loads((resources.folder("viz") / "regions.geojson").read_text(encoding="utf-8"))


@cache
def names() -> dict[str, tuple[str, str]]:
    """Legend key -> (Russian name, English name)."""
    out = {code: (c.name, c.en) for code, c in countries().items()}
    for place in places().values():
        if place.kind == "region" and place.region:
            out[place.region] = (place.name, out.get(place.region, ("", ""))[1])
    for feature in boundaries()["features"]:
        p = feature["properties"]
        ru = out.get(p["iso"], (p["name_ru"], ""))[0]
        en = p["name_en"] if p["name_en"].startswith("City") else f"{p['name_en']} oblast"
        out[p["iso"]] = (ru, en)
    out["BY"] = ("Беларусь (область не указана)", "Belarus (region not given)")
    out[HOME] = ("Смоленская область и Россия", "Smolensk oblast and Russia")
    return out


def legend(nodes: list[dict]) -> list[dict]:
    """The entries present in `nodes` (which carry `key` and `color`), home first, then by count."""
    counts: dict[str, int] = {}
    colour = {}
    for node in nodes:
        counts[node["key"]] = counts.get(node["key"], 0) + 1
        colour[node["key"]] = node["color"]
    known = names()
    rows = [
        {"key": key, "colour": colour[key], "ru": known.get(key, (key, key))[0],
         "en": known.get(key, (key, key))[1], "count": n}
        for key, n in counts.items()
    ]  # fmt: skip
    return sorted(
        rows, key=lambda r: (r["key"] != HOME, not r["key"].startswith("BY"), -r["count"], r["key"])
    )
