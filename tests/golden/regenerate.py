"""Regenerate the golden N-Quads of the seed build: `python -m tests.golden.regenerate`.

The seed build is pinned (tests/test_golden.py); a commit that changes this file says which
predicates changed and why.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

GOLDEN = Path(__file__).with_name("seeds.nq")


def canonical_nquads(raw: Path) -> bytes:
    """The seed build as sorted N-Quads lines (the store's order is not part of its meaning)."""
    import graphkg
    from graphkg.graph.store import EmbeddedStore

    with tempfile.TemporaryDirectory() as folder:
        store = EmbeddedStore(Path(folder) / "store")
        graphkg.build([raw], store)
        lines = sorted(set(store.dump_nquads().splitlines()))
    return b"\n".join(lines) + b"\n"


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[2]
    GOLDEN.write_bytes(canonical_nquads(root / "data" / "raw"))
    count = GOLDEN.read_bytes().count(b"\n")
    print(f"{GOLDEN}: {count} quads", file=sys.stderr)
