#!/usr/bin/env bash
# The main job: install graphkg into .venv, extract every report in data/raw/ into out/, and build
# the knowledge graph in store/ (embedded Oxigraph).
set -euo pipefail
cd "$(dirname "$0")"
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
mkdir -p out
.venv/bin/graphkg parse data/raw > out/events.jsonl
.venv/bin/graphkg parse data/raw --format table > out/events.txt
grep -h "layout" out/events.txt
.venv/bin/graphkg build data/raw --store store
.venv/bin/graphkg export --store store --format trig --out out/graph.trig
.venv/bin/graphkg query repeat_partners --store store --format csv > out/repeat_partners.csv
.venv/bin/graphkg map --store store --out out/map.html
.venv/bin/graphkg timeline --store store --out out/timeline.html
echo "Events: out/events.jsonl (JSON Lines), out/events.txt (tables for people)"
echo "Graph: store/ (query it: .venv/bin/graphkg query; .venv/bin/graphkg serve), out/graph.trig"
echo "Repeat partners: out/repeat_partners.csv; the map: out/map.html, the timeline: out/timeline.html (open them in any browser, offline)"
