#!/usr/bin/env bash
# The main job: install graphkg into .venv and extract every report in data/raw/ into out/.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
mkdir -p out
.venv/bin/graphkg parse data/raw > out/events.jsonl
.venv/bin/graphkg parse data/raw --format table > out/events.txt
grep -h "layout" out/events.txt
echo "Events: out/events.jsonl (JSON Lines), out/events.txt (tables for people)"
