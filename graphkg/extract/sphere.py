"""Section headers as SKOS-style sphere concepts: a stable id and labels, the header kept as written."""

from __future__ import annotations

import hashlib

from graphkg.models import Sphere
from graphkg.tables import spheres
from graphkg.text import collapse, fold


def sphere_of(header: str | None) -> Sphere | None:
    if not header:
        return None
    label = collapse(header)
    key = fold(label)
    for concept in spheres():
        if concept.keywords and all(word in key for word in concept.keywords):
            return Sphere(id=concept.id, label=label)
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return Sphere(id=f"other-{digest}", label=label)
