"""The seed build, pinned: its canonical N-Quads equal tests/golden/seeds.nq.

A refactor keeps this green; a change of output regenerates the file
(`python -m tests.golden.regenerate`) and its commit names the predicates that moved and why.
"""

import difflib

from .conftest import RAW
from .golden.regenerate import GOLDEN, canonical_nquads


def test_the_seed_build_equals_the_golden_nquads():
    built = canonical_nquads(RAW).decode("utf-8").splitlines()
    golden = GOLDEN.read_text(encoding="utf-8").splitlines()
    if built != golden:
        diff = list(difflib.unified_diff(golden, built, "golden", "built", lineterm="", n=0))
        raise AssertionError(f"{len(diff)} diff lines; first:\n" + "\n".join(diff[:40]))
